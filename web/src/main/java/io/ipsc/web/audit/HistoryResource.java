package io.ipsc.web.audit;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.AuditEntry;
import io.ipsc.client.model.PageAuditEntry;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record's history as its page shows it ({@code tags/history.html}: a closed "History" section that asks for this
 * fragment when opened, so a page view costs no call to the audit trail): who changed what, when, newest first, from
 * the trail every domain service keeps ({@code GET /api/audit?entity=&id=}). The trail is the tenant admins'; others
 * are told so rather than shown a refusal.
 */
@Path("/t/{slug}/history")
@Blocking
public class HistoryResource {

    /** The newest changes shown; the rest are counted (the CSV export has them all). */
    static final int SHOWN = 20;
    /** The records whose pages offer their history, by the name the audit endpoint takes. */
    private static final Map<String, String> ENTITIES = Map.of("invoice", "invoice", "product", "product", "customer", "customer",
            "vendor", "vendor", "purchase", "purchase");

    /** Records whose history includes their children's: an invoice's lines added, changed and removed, in one time order. */
    private static final Map<String, String> CHILDREN = Map.of("invoice", "lines", "purchase", "lines");
    /** The most of one line's own trail read to name it (the trail's page size limit). */
    private static final int LINE_TRAIL = 100;

    /** Columns every row has that say nothing about the record's business: left out of its history (the CSV export keeps them). */
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("id", "created_at", "updated_at", "invoice_id", "purchase_id");

    /**
     * The trail's money columns (every module's numeric columns that hold rupees, not rates, counts or minutes): shown as
     * the rest of the app shows money, "₹1,445.00", so a change reads "₹695.00 → ₹1,445.00" and not "695 → 1445".
     */
    private static final java.util.Set<String> MONEY = java.util.Set.of("amount", "amount_paid", "cgst", "sgst", "igst", "cost",
            "hourly_cost", "price", "round_off", "tax_amount", "taxable_amount", "total", "unit_cost", "unit_price");

    /**
     * One change as a row: when, who, what happened (to the record or one of its lines), which line ("Line 2 · Steel rod",
     * null for the record's own), and each field's old and new value. A line added or removed has no changes but is
     * summed up in {@code facts} (what it sold, how many, at what rate, for what total, as the line was), its other
     * fields in {@code others}, shown behind a toggle; both are empty for every other change.
     */
    public record Row(String when, String who, String action, String line, List<Change> changes, List<Fact> facts, List<Fact> others) {
    }

    public record Change(String field, String before, String after) {
    }

    /** One thing worth seeing at a glance about a line added or removed: "quantity", "2.5 kg". */
    public record Fact(String label, String value) {
    }

    /** A line's summary, in this order: the trail's column, and the label a person reads. */
    private static final List<Map.Entry<String, String>> LINE_FACTS = List.of(Map.entry("description", "description"),
            Map.entry("quantity", "quantity"), Map.entry("unit_price", "rate"), Map.entry("total", "total"));
    /** The fields a line's summary shows (the unit with its quantity, the position in the line's name): not repeated behind the toggle. */
    private static final java.util.Set<String> SUMMED_UP = java.util.Set.of("description", "quantity", "unit", "unit_price", "total", "position");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(boolean allowed, List<Row> rows, long more);
    }

    private final Gateway gateway;
    private final Visits visits;

    HistoryResource(Gateway gateway, Visits visits) {
        this.gateway = gateway;
        this.visits = visits;
    }

    @GET
    @Path("/{entity}/{id}")
    public RestResponse<TemplateInstance> history(@PathParam("slug") String slug, @PathParam("entity") String entity,
                                                  @PathParam("id") long id, @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        String asked = ENTITIES.get(entity);
        if (asked == null) {
            return PageErrors.page(404, visit.session().user(), "Not found", "There is no history of such records here.");
        }
        if (!visit.workspace().role().admin()) {
            return RestResponse.ok(Templates.history(false, List.of(), 0));
        }
        PageAuditEntry page = gateway.audit().listAuditTrail(slug, asked, null, String.valueOf(id), 1, null, SHOWN, null, null,
                CHILDREN.get(entity), visit.bearer()).getData();
        List<AuditEntry> entries = page.getItems() == null ? List.of() : page.getItems();
        Map<Long, String> lines = LineNames.of(entries, line -> lineTrail(slug, line, visit));
        List<Row> rows = entries.stream().map(e -> row(e, lines.get(e.getId()))).toList();
        long total = page.getTotalItems() == null ? rows.size() : page.getTotalItems();
        return RestResponse.ok(Templates.history(true, rows, Math.max(0, total - rows.size())));
    }

    /** A line's own trail, for naming it when the history shown has only its later changes. */
    private List<AuditEntry> lineTrail(String slug, AuditEntry line, Visit visit) {
        try {
            List<AuditEntry> trail = gateway.audit().listAuditTrail(slug, line.getEntity(), null, line.getRecordId(), 1, null, LINE_TRAIL, null, null,
                    null, visit.bearer()).getData().getItems();
            return trail == null ? List.of(line) : trail;
        } catch (ApiException e) {
            // The history is still worth reading without the line's name: it is named from what the page holds.
            return List.of(line);
        }
    }

    static Row row(AuditEntry e, String line) {
        String who = e.getEmail() != null ? e.getEmail()
                : e.getSource() != null ? "System (" + e.getSource().getTopic() + ")" : "System";
        String action = switch (Objects.toString(e.getAction(), "")) {
            case "insert" -> "Created";
            case "delete" -> "Deleted";
            default -> "Changed";
        };
        if (LineNames.isLine(e)) {
            action = switch (action) {
                case "Created" -> "Line added";
                case "Deleted" -> "Line removed";
                default -> "Line changed";
            };
        }
        String when = IndianFormats.dateTime(e.getAt());
        if (LineNames.isLine(e) && !"update".equals(e.getAction())) {
            // A line added or removed: fourteen fields each "— → value" would bury what matters.
            Map<String, Object> fields = lineAsItWas(e);
            List<Fact> others = fields.entrySet().stream().filter(f -> !SUMMED_UP.contains(f.getKey()))
                    .map(f -> new Fact(label(f.getKey()), shown(f.getKey(), f.getValue()))).toList();
            // The description is in the line's name already ("Line 2 · Steel rod"): not said twice.
            List<Fact> facts = facts(fields).stream()
                    .filter(f -> !("description".equals(f.label()) && line != null && line.endsWith(" · " + f.value()))).toList();
            return new Row(when, who, action, line, List.of(), facts, others);
        }
        // What a person reads: not the row's bookkeeping (its id and timestamps), nor a field created empty.
        List<Change> changes = e.getChanges() == null ? List.of() : e.getChanges().stream()
                .filter(c -> !BOOKKEEPING.contains(c.getField()) && (c.getOldValue() != null || c.getNewValue() != null))
                .map(c -> new Change(label(c.getField()), shown(c.getField(), c.getOldValue()), shown(c.getField(), c.getNewValue()))).toList();
        return new Row(when, who, action, line, changes, List.of(), List.of());
    }

    /** A line's fields, in name order, as it was added (new values) or as it was when removed (old values); bookkeeping and empty fields left out. */
    private static Map<String, Object> lineAsItWas(AuditEntry e) {
        boolean removed = "delete".equals(e.getAction());
        Map<String, Object> line = new java.util.TreeMap<>();
        for (var c : e.getChanges() == null ? List.<io.ipsc.client.model.FieldChange>of() : e.getChanges()) {
            Object value = removed ? c.getOldValue() : c.getNewValue();
            if (value != null && !BOOKKEEPING.contains(c.getField())) {
                line.put(c.getField(), value);
            }
        }
        return line;
    }

    /**
     * A line at a glance: description, quantity (with its unit), rate and total. A purchase line has no total column:
     * its taxable amount and tax make it.
     */
    static List<Fact> facts(Map<String, Object> line) {
        List<Fact> facts = new java.util.ArrayList<>();
        for (Map.Entry<String, String> f : LINE_FACTS) {
            Object value = line.get(f.getKey());
            if (value == null && "total".equals(f.getKey()) && line.get("taxable_amount") != null && line.get("tax_amount") != null) {
                value = decimal(line.get("taxable_amount")).add(decimal(line.get("tax_amount")));
            }
            if (value == null) {
                continue;
            }
            String shown = switch (f.getKey()) {
                case "quantity" -> shown(value) + (line.get("unit") == null ? "" : " " + line.get("unit"));
                case "unit_price", "total" -> IndianFormats.rupees(decimal(value));
                default -> shown(value);
            };
            facts.add(new Fact(f.getValue(), shown));
        }
        return facts;
    }

    private static java.math.BigDecimal decimal(Object value) {
        return new java.math.BigDecimal(value.toString());
    }

    /** {@code amount_paid} as "amount paid": the trail names columns, a person reads words. */
    private static String label(String field) {
        return field == null ? "" : field.replace('_', ' ');
    }

    /** A field's value as a person reads it: money as rupees, anything else as {@link #shown(Object)}. */
    private static String shown(String field, Object value) {
        if (MONEY.contains(field) && value != null && !(value instanceof Boolean)) {
            try {
                return IndianFormats.rupees(decimal(value));
            } catch (NumberFormatException notANumber) {
                // A column of that name holding text in some module: shown as it is.
            }
        }
        return shown(value);
    }

    /** A value as the trail holds it; numbers without the float noise JSON parsing adds (1500.0 is 1500). */
    private static String shown(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
