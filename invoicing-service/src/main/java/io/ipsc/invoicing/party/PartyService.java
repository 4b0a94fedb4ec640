package io.ipsc.invoicing.party;

import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.Violations;
import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.india.GstinCheck;
import io.ipsc.tenancy.india.GstinIssue;
import io.ipsc.tenancy.india.IndianState;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Customers and vendors: the same rules for both. The GST state comes from the GSTIN when there is
 * one, else from the address; a GSTIN is validated as tenants' are (format and state required, a
 * wrong check character accepted with a warning).
 */
@RequestScoped
public class PartyService {

    /** A saved party and what the caller should know about it. */
    public record Saved(PartyView party, List<String> warnings) {
    }

    private final TenantContext tenant;
    private final Validator constraints;

    public PartyService(TenantContext tenant, Validator constraints) {
        this.tenant = tenant;
        this.constraints = constraints;
    }

    public Uni<Saved> create(String kind, PartyRequest r) {
        tenant.requireRole(Role.STAFF, "add " + kind + "s");
        Checked checked = check(r, null);
        return tenant.withDatabase(pool -> pool.preparedQuery("INSERT INTO parties (kind, name, gstin, state_code, state, email, phone, "
                                + "address_line1, address_line2, city, pincode, gst_category) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "
                                + PartyView.COLUMNS)
                        .execute(Tuple.from(Arrays.asList(kind, r.name().trim(), checked.gstin, checked.stateCode, checked.stateName,
                                trim(r.email()), trim(r.phone()), trim(r.addressLine1()), trim(r.addressLine2()), trim(r.city()), trim(r.pincode()),
                                checked.category.code()))))
                .map(rows -> new Saved(PartyView.of(rows.iterator().next()), checked.warningLines()));
    }

    /** The category is judged with what is stored: a GSTIN given before still counts when only the category changes. */
    public Uni<Saved> update(String kind, long id, PartyRequest r) {
        tenant.requireRole(Role.STAFF, "change " + kind + "s");
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the fields to change as JSON");
        }
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> conn.preparedQuery("SELECT gstin, gst_category FROM parties "
                        + "WHERE id = $1 AND kind = $2 FOR UPDATE").execute(Tuple.of(id, kind))
                .flatMap(current -> {
                    Row stored = single(current, kind, id);
                    Checked checked = check(r, new Stored(stored.getString("gstin"), GstCategory.byCode(stored.getString("gst_category")).orElseThrow()));
                    return conn.preparedQuery("UPDATE parties SET name = coalesce($3, name), gstin = coalesce($4, gstin), "
                                    + "state_code = coalesce($5, state_code), state = coalesce($6, state), email = coalesce($7, email), "
                                    + "phone = coalesce($8, phone), address_line1 = coalesce($9, address_line1), address_line2 = coalesce($10, address_line2), "
                                    + "city = coalesce($11, city), pincode = coalesce($12, pincode), gst_category = $13, updated_at = now() "
                                    + "WHERE id = $1 AND kind = $2 RETURNING " + PartyView.COLUMNS)
                            .execute(Tuple.from(Arrays.asList(id, kind, trim(r.name()), checked.gstin, checked.stateCode, checked.stateName,
                                    trim(r.email()), trim(r.phone()), trim(r.addressLine1()), trim(r.addressLine2()), trim(r.city()), trim(r.pincode()),
                                    checked.category.code())))
                            .map(rows -> new Saved(PartyView.of(single(rows, kind, id)), checked.warningLines()));
                })));
    }

    public Uni<PartyView> get(String kind, long id) {
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + PartyView.COLUMNS + " FROM parties WHERE id = $1 AND kind = $2")
                .execute(Tuple.of(id, kind))).map(rows -> PartyView.of(single(rows, kind, id)));
    }

    public Uni<PartyView> archive(String kind, long id) {
        tenant.requireRole(Role.MANAGER, "archive " + kind + "s");
        return tenant.withDatabase(pool -> pool.preparedQuery("UPDATE parties SET archived = TRUE, updated_at = now() WHERE id = $1 AND kind = $2 RETURNING "
                + PartyView.COLUMNS).execute(Tuple.of(id, kind))).map(rows -> PartyView.of(single(rows, kind, id)));
    }

    public Uni<Page<PartyView>> list(String kind, String search, PageRequest request) {
        String pattern = search == null || search.isBlank() ? null : "%" + search.trim().toLowerCase().replace("%", "\\%") + "%";
        String where = " WHERE kind = $1 AND NOT archived AND ($2::text IS NULL OR lower(name) LIKE $2 OR lower(coalesce(gstin, '')) LIKE $2)";
        return tenant.withDatabase(pool -> PagedQuery.fetch(request,
                () -> pool.preparedQuery("SELECT " + PartyView.COLUMNS + " FROM parties" + where + " ORDER BY id LIMIT $3 OFFSET $4")
                        .execute(Tuple.of(kind, pattern, request.size(), request.offset())),
                PartyView::of,
                () -> pool.preparedQuery("SELECT count(*) FROM parties" + where).execute(Tuple.of(kind, pattern))));
    }

    /** The fields judged as creating would judge them, nothing stored; any member may ask (it reveals nothing of the tenant's). */
    public PartyCheck dryRun(PartyRequest r) {
        Judged judged = judge(r, null);
        return new PartyCheck(judged.errors.isEmpty(), judged.errors, judged.warnings, judged.stateCode(),
                judged.gstState == null ? null : judged.gstState.displayName(), judged.category.code());
    }

    /** What an update starts from. */
    private record Stored(String gstin, GstCategory category) {
    }

    private record Checked(String gstin, String stateCode, String stateName, GstCategory category, List<ErrorDetail> warnings) {

        /** The envelope's warnings are lines of text: "gstin: ...". */
        List<String> warningLines() {
            return warnings.stream().map(w -> w.field() + ": " + w.message()).toList();
        }
    }

    /** What the rules say about a body: its errors and warnings by field, and the GSTIN's and the address's states. */
    private record Judged(List<ErrorDetail> errors, List<ErrorDetail> warnings, String gstin, IndianState gstState,
                          Optional<IndianState> addressState, GstCategory category) {

        /** Place of supply follows the GSTIN's state; the address is the fallback for unregistered parties. */
        IndianState state() {
            return gstState != null ? gstState : addressState.orElse(null);
        }

        /** An overseas customer's place of supply is 96, other countries (as the portal codes it). */
        String stateCode() {
            if (category == GstCategory.OVERSEAS) {
                return PlaceOfSupply.OTHER_COUNTRIES;
            }
            return state() == null ? null : state().code();
        }

        String stateName() {
            if (category == GstCategory.OVERSEAS) {
                return PlaceOfSupply.name(PlaceOfSupply.OTHER_COUNTRIES);
            }
            return addressState.map(IndianState::displayName).orElse(state() == null ? null : state().displayName());
        }
    }

    private Checked check(PartyRequest r, Stored stored) {
        Judged judged = judge(r, stored);
        if (!judged.errors.isEmpty()) {
            throw ApiException.validation(judged.errors);
        }
        return new Checked(judged.gstin, judged.stateCode(), judged.stateName(), judged.category, judged.warnings);
    }

    /** @param stored the party as stored, for an update; null when creating */
    private Judged judge(PartyRequest r, Stored stored) {
        boolean creating = stored == null;
        List<ErrorDetail> errors = new ArrayList<>();
        List<ErrorDetail> warnings = new ArrayList<>();
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the party as JSON");
        }
        errors.addAll(Violations.details(creating ? constraints.validate(r, Default.class, PartyRequest.OnCreate.class) : constraints.validate(r)));
        Optional<IndianState> addressState = Optional.empty();
        if (r.state() != null) {
            addressState = IndianState.addressStateByName(r.state());
            if (addressState.isEmpty()) {
                errors.add(new ErrorDetail("state", "state '" + r.state() + "' is not an Indian state or union territory"));
            }
        }
        String gstin = null;
        IndianState gstState = null;
        if (r.gstin() != null && !r.gstin().isBlank()) {
            // Its errors are the constraint's; the normalised number, its state and the warnings are read here.
            GstinCheck check = Gstin.check(r.gstin());
            if (check.isAcceptable()) {
                gstin = check.normalized();
                gstState = check.state().orElse(null);
                check.warnings().forEach(i -> warnings.add(new ErrorDetail("gstin", i.message())));
                addressState.flatMap(s -> Gstin.stateMismatch(check, s)).map(GstinIssue::message)
                        .ifPresent(m -> warnings.add(new ErrorDetail("gstin", m)));
            }
        }
        GstCategory category = category(r, stored, gstin, errors);
        return new Judged(List.copyOf(errors), List.copyOf(warnings), gstin, gstState, addressState, category);
    }

    /**
     * The party's category (the one named, else the stored SEZ/overseas/deemed-export one, else the GSTIN's) and its
     * rules, as india-compliance applies them: registered, SEZ and deemed-export parties have a GSTIN, unregistered and
     * overseas ones none; an overseas party has no Indian state (its place of supply is 96).
     */
    private static GstCategory category(PartyRequest r, Stored stored, String gstin, List<ErrorDetail> errors) {
        String knownGstin = gstin != null ? gstin : stored == null ? null : stored.gstin();
        GstCategory category;
        if (r.gstCategory() != null) {
            Optional<GstCategory> named = GstCategory.byCode(r.gstCategory());
            if (named.isEmpty()) {
                errors.add(new ErrorDetail("gst_category", "gst_category must be one of " + String.join(", ", GstCategory.codes())));
                return GstCategory.fromGstin(knownGstin);
            }
            category = named.get();
        } else if (stored != null && stored.category() != GstCategory.REGISTERED && stored.category() != GstCategory.UNREGISTERED) {
            category = stored.category();
        } else {
            category = GstCategory.fromGstin(knownGstin);
        }
        boolean gstinBad = errors.stream().anyMatch(e -> "gstin".equals(e.field()));
        switch (category) {
            case REGISTERED, SEZ, DEEMED_EXPORT -> {
                if (knownGstin == null && !gstinBad) {
                    errors.add(new ErrorDetail("gstin", "a " + category.code() + " party needs a GSTIN"));
                }
            }
            case UNREGISTERED -> {
                if (knownGstin != null) {
                    errors.add(new ErrorDetail("gst_category", "a party with a GSTIN is registered, sez or deemed_export, not unregistered"));
                }
            }
            case OVERSEAS -> {
                if (knownGstin != null) {
                    errors.add(new ErrorDetail("gstin", "an overseas party has no GSTIN"));
                }
                if (r.state() != null) {
                    errors.add(new ErrorDetail("state", "an overseas party has no Indian state: its place of supply is 96 (other countries)"));
                }
            }
        }
        return category;
    }

    static Row single(RowSet<Row> rows, String kind, long id) {
        if (!rows.iterator().hasNext()) {
            throw ApiException.notFound(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " " + id);
        }
        return rows.iterator().next();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
