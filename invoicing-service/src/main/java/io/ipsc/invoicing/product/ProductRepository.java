package io.ipsc.invoicing.product;

import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/** SQL for the catalogue, on whichever tenant database (or transaction) it is given. */
@ApplicationScoped
public class ProductRepository {

    /** Counts the products not archived, holding off other creators (a table lock) until the transaction ends: the plan's limit holds. */
    public Uni<Long> lockAndCountActive(SqlClient tx) {
        return tx.query("LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE").execute()
                .chain(locked -> tx.query("SELECT count(*) FROM products WHERE NOT archived").execute())
                .map(count -> count.iterator().next().getLong(0));
    }

    public Uni<ProductView> insert(SqlClient tx, ProductRequest r) {
        return tx.preparedQuery("INSERT INTO products (sku, name, description, hsn_sac, unit, price, gst_rate, cost, "
                        + "stock_quantity, reorder_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + ProductView.COLUMNS)
                .execute(Tuple.from(Arrays.asList(r.sku().trim(), r.name().trim(), r.description(),
                        trim(r.hsnSac()), r.unit() == null ? "nos" : r.unit().trim(), r.price(), r.gstRate(), r.cost(),
                        r.stockQuantity() == null ? BigDecimal.ZERO : r.stockQuantity(), r.reorderLevel())))
                .map(rows -> ProductView.of(rows.iterator().next()));
    }

    /** The products matching {@code search} (in name or sku, any case), in id order. */
    public Uni<Page<ProductView>> list(SqlClient db, String search, boolean includeArchived, PageRequest request) {
        String pattern = search == null || search.isBlank() ? null : "%" + search.trim().toLowerCase().replace("%", "\\%") + "%";
        String where = " WHERE ($1::boolean OR NOT archived) AND ($2::text IS NULL OR lower(name) LIKE $2 OR lower(sku) LIKE $2)";
        return PagedQuery.fetch(request,
                () -> db.preparedQuery("SELECT " + ProductView.COLUMNS + " FROM products" + where + " ORDER BY id LIMIT $3 OFFSET $4")
                        .execute(Tuple.of(includeArchived, pattern, request.size(), request.offset())),
                ProductView::of,
                () -> db.preparedQuery("SELECT count(*) FROM products" + where).execute(Tuple.of(includeArchived, pattern)));
    }

    public Uni<Optional<ProductView>> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + ProductView.COLUMNS + " FROM products WHERE id = $1").execute(Tuple.of(id)).map(ProductRepository::first);
    }

    /** Changes the fields given (null keeps a field as it is); empty when there is no such product. */
    public Uni<Optional<ProductView>> update(SqlClient db, long id, ProductRequest r) {
        return db.preparedQuery("UPDATE products SET sku = coalesce($2, sku), name = coalesce($3, name), "
                        + "description = coalesce($4, description), hsn_sac = coalesce($5, hsn_sac), unit = coalesce($6, unit), "
                        + "price = coalesce($7, price), gst_rate = coalesce($8, gst_rate), cost = coalesce($9, cost), "
                        + "reorder_level = coalesce($10, reorder_level), updated_at = now() WHERE id = $1 RETURNING " + ProductView.COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, trim(r.sku()), trim(r.name()), r.description(), trim(r.hsnSac()),
                        trim(r.unit()), r.price(), r.gstRate(), r.cost(), r.reorderLevel())))
                .map(ProductRepository::first);
    }

    public Uni<Optional<ProductView>> archive(SqlClient db, long id) {
        return db.preparedQuery("UPDATE products SET archived = TRUE, updated_at = now() WHERE id = $1 RETURNING " + ProductView.COLUMNS)
                .execute(Tuple.of(id)).map(ProductRepository::first);
    }

    private static Optional<ProductView> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(ProductView.of(rows.iterator().next())) : Optional.empty();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
