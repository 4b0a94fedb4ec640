package io.ipsc.dental.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.event.BillableItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Queues a completed treatment's billable item in the tenant's {@code billing_outbox}, inside the
 * completion's own transaction: the item exists if and only if the completion committed.
 * {@link BillingRelay} sends it on.
 */
@ApplicationScoped
public class BillingOutbox {

    public static final String SOURCE = "dental";
    /**
     * SAC 999312, "medical and dental services" (heading 9993, human health services), the code
     * under which clinics report dental treatment.
     */
    public static final String DENTAL_SAC = "999312";
    /**
     * Health care services by a clinical establishment or an authorised medical practitioner are
     * exempt from GST (Notification 12/2017-Central Tax (Rate), entry 74), so a dental treatment line
     * carries 0%; invoicing-service must not add tax the clinic may not charge.
     */
    public static final BigDecimal DENTAL_GST_RATE = BigDecimal.ZERO;

    private final ObjectMapper json;

    public BillingOutbox(ObjectMapper json) {
        this.json = json;
    }

    public static String idempotencyKey(long treatmentId) {
        return "dental:treatment:" + treatmentId;
    }

    /** What is billed for one treatment: the patient as the party, the treatment as the single line. */
    public record CompletedTreatment(long treatmentId, long patientId, String patientName, String phone, String email,
                                     String description, BigDecimal cost, Instant completedAt) {
    }

    public static BillableItem item(String tenantSlug, CompletedTreatment t) {
        return new BillableItem(tenantSlug, SOURCE, idempotencyKey(t.treatmentId()),
                new BillableItem.Party("patient:" + t.patientId(), t.patientName(), t.phone(), t.email(), null, null),
                new BillableItem.Line(t.description(), DENTAL_SAC, BigDecimal.ONE, t.cost(), DENTAL_GST_RATE),
                t.completedAt());
    }

    /** Adds the item unless one with its key is already queued (a repeated completion queues nothing). */
    public Uni<Boolean> enqueue(SqlConnection conn, String tenantSlug, CompletedTreatment treatment) {
        BillableItem item = item(tenantSlug, treatment);
        String payload;
        try {
            payload = json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot write the billable item of treatment " + treatment.treatmentId(), e));
        }
        return conn.preparedQuery("INSERT INTO billing_outbox (idempotency_key, payload) VALUES ($1, $2) ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(Sql.args(item.idempotencyKey(), payload))
                .map(rows -> rows.rowCount() == 1);
    }
}
