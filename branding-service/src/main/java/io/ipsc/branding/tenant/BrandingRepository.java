package io.ipsc.branding.tenant;

import io.ipsc.branding.theme.Branding;
import io.ipsc.branding.theme.Palette;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The SQL of the branding row, on the tenant's own database. */
@ApplicationScoped
public class BrandingRepository {

    private static final String COLUMNS = "primary_color, secondary_color, accent_color, text_color, background_color, "
            + "font_family, logo_url, favicon_url, company_name, source";

    public Uni<Optional<Branding>> find(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM branding WHERE id = 1").execute()
                .map(rows -> rows.iterator().hasNext() ? Optional.of(from(rows.iterator().next())) : Optional.empty());
    }

    /** The row, locked until the transaction ends, so two admins' partial updates do not lose each other's fields. */
    public Uni<Optional<Branding>> findForUpdate(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM branding WHERE id = 1 FOR UPDATE").execute()
                .map(rows -> rows.iterator().hasNext() ? Optional.of(from(rows.iterator().next())) : Optional.empty());
    }

    public Uni<Void> save(SqlClient client, Branding b) {
        Palette p = b.palette();
        Tuple args = Tuple.tuple();
        for (Object value : new Object[]{p.primaryColor(), p.secondaryColor(), p.accentColor(), p.textColor(),
                p.backgroundColor(), p.fontFamily(), b.logoUrl(), b.faviconUrl(), b.companyName(), b.source()}) {
            args.addValue(value);
        }
        return client.preparedQuery("INSERT INTO branding (id, " + COLUMNS + ") VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (id) DO UPDATE SET primary_color = $1, secondary_color = $2, accent_color = $3, "
                        + "text_color = $4, background_color = $5, font_family = $6, logo_url = $7, favicon_url = $8, "
                        + "company_name = $9, source = $10, updated_at = now()")
                .execute(args)
                .replaceWithVoid();
    }

    private static Branding from(Row row) {
        return new Branding(new Palette(row.getString("primary_color"), row.getString("secondary_color"),
                row.getString("accent_color"), row.getString("text_color"), row.getString("background_color"),
                row.getString("font_family")),
                row.getString("logo_url"), row.getString("favicon_url"), row.getString("company_name"), row.getString("source"));
    }
}
