package io.ipsc.invoicing.party;

import io.ipsc.invoicing.Access;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.india.GstinCheck;
import io.ipsc.tenancy.india.GstinIssue;
import io.ipsc.tenancy.india.IndianPhone;
import io.ipsc.tenancy.india.IndianState;
import io.ipsc.tenancy.india.PinCode;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.RequestScoped;

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

    public PartyService(TenantContext tenant) {
        this.tenant = tenant;
    }

    public Uni<Saved> create(String kind, PartyRequest r) {
        Access.require(tenant, Role.STAFF, "add " + kind + "s");
        Checked checked = check(r, true);
        return tenant.withDatabase(pool -> pool.preparedQuery("INSERT INTO parties (kind, name, gstin, state_code, state, email, phone, "
                                + "address_line1, address_line2, city, pincode) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING " + PartyView.COLUMNS)
                        .execute(Tuple.from(Arrays.asList(kind, r.name().trim(), checked.gstin, checked.stateCode, checked.stateName,
                                trim(r.email()), trim(r.phone()), trim(r.addressLine1()), trim(r.addressLine2()), trim(r.city()), trim(r.pincode())))))
                .map(rows -> new Saved(PartyView.of(rows.iterator().next()), checked.warningLines()));
    }

    public Uni<Saved> update(String kind, long id, PartyRequest r) {
        Access.require(tenant, Role.STAFF, "change " + kind + "s");
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the fields to change as JSON");
        }
        Checked checked = check(r, false);
        return tenant.withDatabase(pool -> pool.preparedQuery("UPDATE parties SET name = coalesce($3, name), gstin = coalesce($4, gstin), "
                                + "state_code = coalesce($5, state_code), state = coalesce($6, state), email = coalesce($7, email), "
                                + "phone = coalesce($8, phone), address_line1 = coalesce($9, address_line1), address_line2 = coalesce($10, address_line2), "
                                + "city = coalesce($11, city), pincode = coalesce($12, pincode), updated_at = now() "
                                + "WHERE id = $1 AND kind = $2 RETURNING " + PartyView.COLUMNS)
                        .execute(Tuple.from(Arrays.asList(id, kind, trim(r.name()), checked.gstin, checked.stateCode, checked.stateName,
                                trim(r.email()), trim(r.phone()), trim(r.addressLine1()), trim(r.addressLine2()), trim(r.city()), trim(r.pincode())))))
                .map(rows -> new Saved(PartyView.of(single(rows, kind, id)), checked.warningLines()));
    }

    public Uni<PartyView> get(String kind, long id) {
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + PartyView.COLUMNS + " FROM parties WHERE id = $1 AND kind = $2")
                .execute(Tuple.of(id, kind))).map(rows -> PartyView.of(single(rows, kind, id)));
    }

    public Uni<PartyView> archive(String kind, long id) {
        Access.require(tenant, Role.MANAGER, "archive " + kind + "s");
        return tenant.withDatabase(pool -> pool.preparedQuery("UPDATE parties SET archived = TRUE, updated_at = now() WHERE id = $1 AND kind = $2 RETURNING "
                + PartyView.COLUMNS).execute(Tuple.of(id, kind))).map(rows -> PartyView.of(single(rows, kind, id)));
    }

    public Uni<Page<PartyView>> list(String kind, String search, PageRequest request) {
        String pattern = search == null || search.isBlank() ? null : "%" + search.trim().toLowerCase().replace("%", "\\%") + "%";
        String where = " WHERE kind = $1 AND NOT archived AND ($2::text IS NULL OR lower(name) LIKE $2 OR lower(coalesce(gstin, '')) LIKE $2)";
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + PartyView.COLUMNS + " FROM parties" + where + " ORDER BY id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(kind, pattern, request.size(), request.offset()))
                .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM parties" + where).execute(Tuple.of(kind, pattern)).map(count -> {
                    List<PartyView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(PartyView.of(row)));
                    return Page.of(items, request, count.iterator().next().getLong(0));
                })));
    }

    /** The fields judged as creating would judge them, nothing stored; any member may ask (it reveals nothing of the tenant's). */
    public PartyCheck dryRun(PartyRequest r) {
        Judged judged = judge(r, true);
        return new PartyCheck(judged.errors.isEmpty(), judged.errors, judged.warnings, judged.stateCode(),
                judged.gstState == null ? null : judged.gstState.displayName());
    }

    private record Checked(String gstin, String stateCode, String stateName, List<ErrorDetail> warnings) {

        /** The envelope's warnings are lines of text: "gstin: ...". */
        List<String> warningLines() {
            return warnings.stream().map(w -> w.field() + ": " + w.message()).toList();
        }
    }

    /** What the rules say about a body: its errors and warnings by field, and the GSTIN's and the address's states. */
    private record Judged(List<ErrorDetail> errors, List<ErrorDetail> warnings, String gstin, IndianState gstState,
                          Optional<IndianState> addressState) {

        /** Place of supply follows the GSTIN's state; the address is the fallback for unregistered parties. */
        IndianState state() {
            return gstState != null ? gstState : addressState.orElse(null);
        }

        String stateCode() {
            return state() == null ? null : state().code();
        }
    }

    private static Checked check(PartyRequest r, boolean creating) {
        Judged judged = judge(r, creating);
        if (!judged.errors.isEmpty()) {
            throw ApiException.validation(judged.errors);
        }
        IndianState state = judged.state();
        return new Checked(judged.gstin, judged.stateCode(),
                judged.addressState.map(IndianState::displayName).orElse(state == null ? null : state.displayName()), judged.warnings);
    }

    private static Judged judge(PartyRequest r, boolean creating) {
        List<ErrorDetail> errors = new ArrayList<>();
        List<ErrorDetail> warnings = new ArrayList<>();
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the party as JSON");
        }
        if (creating && (r.name() == null || r.name().isBlank())) {
            errors.add(new ErrorDetail("name", "name is required"));
        } else if (r.name() != null && (r.name().isBlank() || r.name().trim().length() > 200)) {
            errors.add(new ErrorDetail("name", "name must be 1 to 200 characters"));
        }
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
            GstinCheck check = Gstin.check(r.gstin());
            check.errors().forEach(i -> errors.add(new ErrorDetail("gstin", i.message())));
            if (check.isAcceptable()) {
                gstin = check.normalized();
                gstState = check.state().orElse(null);
                check.warnings().forEach(i -> warnings.add(new ErrorDetail("gstin", i.message())));
                addressState.flatMap(s -> Gstin.stateMismatch(check, s)).map(GstinIssue::message)
                        .ifPresent(m -> warnings.add(new ErrorDetail("gstin", m)));
            }
        }
        if (r.email() != null && !r.email().isBlank() && !r.email().trim().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$")) {
            errors.add(new ErrorDetail("email", "email is not a valid e-mail address"));
        }
        if (r.phone() != null && !r.phone().isBlank() && !IndianPhone.isValid(r.phone())) {
            errors.add(new ErrorDetail("phone", "phone must be an Indian phone number, e.g. +91-9876543210"));
        }
        if (r.pincode() != null && !r.pincode().isBlank() && !PinCode.isValid(r.pincode())) {
            errors.add(new ErrorDetail("pincode", "pincode must be a 6-digit Indian PIN code"));
        }
        return new Judged(List.copyOf(errors), List.copyOf(warnings), gstin, gstState, addressState);
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
