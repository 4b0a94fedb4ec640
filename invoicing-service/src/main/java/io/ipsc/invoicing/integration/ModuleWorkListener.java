package io.ipsc.invoicing.integration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.tenancy.db.audit.AuditActor;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.event.BillableItem;
import io.ipsc.tenancy.event.StockMovement;
import io.ipsc.tenancy.event.TenantWorkListener;
import io.ipsc.tenancy.event.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Applies work that other modules hand to invoicing: billable items ({@code ipsc.billing}) become
 * lines on the party's draft invoice, stock movements ({@code ipsc.stock}) change stock. Each is
 * applied exactly once — its key is recorded in the same transaction as its effect — and the
 * offset is committed only after, so a crash re-reads and the key makes the replay a no-op.
 * A tenant that cannot take its work yet has it parked (see {@link TenantWorkListener}); the
 * others' work goes on. Runs on the listener's thread and waits on the tenant's pool there, never
 * on the event loop.
 */
@Singleton
public class ModuleWorkListener extends TenantWorkListener {

    private static final Logger LOG = Logger.getLogger(ModuleWorkListener.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final TenantDirectory directory;
    private final TenantPoolRegistry pools;
    private final ObjectMapper json;

    public ModuleWorkListener(TenantDirectory directory, TenantPoolRegistry pools, ObjectMapper json, MeterRegistry meters,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(List.of(Topics.BILLING, Topics.STOCK), "invoicing-service", "invoicing-service", bootstrapServers, meters);
        this.directory = directory;
        this.pools = pools;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void start(@Observes StartupEvent event) {
        startListening();
    }

    void stop(@Observes ShutdownEvent event) {
        stopListening();
    }

    @Override
    protected void configure(Properties props) {
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    }

    /** Applies one record; NOT_YET when it must be tried again later (its tenant is not ready, or the database failed). */
    @Override
    protected Outcome apply(ConsumerRecord<String, String> record) {
        Optional<TenantEntry> tenant = directory.find(record.key());
        if (tenant.isPresent() && (tenant.get().snapshot().isDeleted() || tenant.get().state() == TenantState.ARCHIVED)) {
            LOG.infof("Dropping %s work for deleted tenant %s", record.topic(), record.key());
            return Outcome.DONE;
        }
        if (tenant.isEmpty() || tenant.get().state() != TenantState.READY) {
            return Outcome.NOT_YET;
        }
        try {
            // The audit trail names the record each change came from.
            AuditActor actor = AuditActor.kafka(record.topic(), record.partition(), record.offset());
            Uni<Void> work = Topics.BILLING.equals(record.topic())
                    ? bill(tenant.get(), json.readValue(record.value(), BillableItem.class), actor)
                    : move(tenant.get(), json.readValue(record.value(), StockMovement.class), actor);
            work.await().atMost(APPLY_TIMEOUT);
            return Outcome.DONE;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.errorf("Unreadable %s record at offset %d skipped: %s", record.topic(), record.offset(), e.getMessage());
            return Outcome.DONE;
        } catch (RuntimeException e) {
            // A failure of ours (database away, say): retry the same record rather than lose it.
            LOG.warnf("Applying %s work for %s failed (%s); retrying", record.topic(), record.key(), e.getMessage());
            return Outcome.NOT_YET;
        }
    }

    /** Adds the item to the party's open draft (creating party and draft as needed), once per key. */
    Uni<Void> bill(TenantEntry tenant, BillableItem item, AuditActor actor) {
        String externalRef = item.source() + ":" + item.party().externalId();
        String supplierState = InvoiceTotals.supplierStateCode(tenant.snapshot());
        return pools.withPool(tenant, actor, pool -> pool.withTransaction(conn ->
                conn.preparedQuery("SELECT 1 FROM billed_items WHERE idempotency_key = $1").execute(Tuple.of(item.idempotencyKey()))
                        .flatMap(seen -> {
                            if (seen.iterator().hasNext()) {
                                return Uni.createFrom().voidItem();
                            }
                            GstCalculator.LineInput input = new GstCalculator.LineInput(item.line().quantity(), item.line().unitPrice(),
                                    BigDecimal.ZERO, item.line().gstRate());
                            // The line is inserted with its tax (one audited row, no "changed 0 → tax" after it); then only the totals change.
                            return party(conn, externalRef, item.party())
                                    .flatMap(partyId -> draftFor(conn, partyId))
                                    .flatMap(invoiceId -> InvoiceTotals.lineTax(conn, invoiceId, supplierState, input)
                                            .flatMap(tax -> conn.preparedQuery("INSERT INTO invoice_lines (invoice_id, position, description, hsn_sac, "
                                                            + "quantity, unit_price, discount_percent, gst_rate, taxable_amount, cgst, sgst, igst, total, source_key) "
                                                            + "SELECT $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10, $11, $12 "
                                                            + "FROM invoice_lines WHERE invoice_id = $1")
                                                    .execute(Tuple.from(Arrays.asList(invoiceId, item.line().description(), item.line().hsnSac(),
                                                            item.line().quantity(), item.line().unitPrice(), item.line().gstRate(), tax.taxable(), tax.cgst(),
                                                            tax.sgst(), tax.igst(), tax.total(), item.idempotencyKey()))))
                                            .flatMap(x -> conn.preparedQuery("INSERT INTO billed_items (idempotency_key, invoice_id) VALUES ($1, $2)")
                                                    .execute(Tuple.of(item.idempotencyKey(), invoiceId)))
                                            .flatMap(x -> InvoiceTotals.recompute(conn, invoiceId, supplierState)));
                        })));
    }

    private static Uni<Long> party(SqlClient conn, String externalRef, BillableItem.Party party) {
        return conn.preparedQuery("INSERT INTO parties (kind, name, phone, email, gstin, state, external_ref) VALUES ('customer', $1, $2, $3, $4, $5, $6) "
                        + "ON CONFLICT (kind, external_ref) WHERE external_ref IS NOT NULL DO UPDATE SET name = EXCLUDED.name RETURNING id")
                .execute(Tuple.from(Arrays.asList(party.name(), party.phone(), party.email(), party.gstin(), party.state(), externalRef)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Uni<Long> draftFor(SqlClient conn, long partyId) {
        return conn.preparedQuery("SELECT id FROM invoices WHERE customer_id = $1 AND status = 'draft' ORDER BY id DESC LIMIT 1 FOR UPDATE")
                .execute(Tuple.of(partyId))
                .flatMap(rows -> rows.iterator().hasNext() ? Uni.createFrom().item(rows.iterator().next().getLong(0))
                        : conn.preparedQuery("INSERT INTO invoices (customer_id, status, invoice_date) VALUES ($1, 'draft', $2) RETURNING id")
                        .execute(Tuple.of(partyId, LocalDate.now(ZoneId.of("Asia/Kolkata")))).map(r -> r.iterator().next().getLong(0)));
    }

    /** Changes the product's stock, once per movement id; a movement for an unknown product is logged and dropped. */
    Uni<Void> move(TenantEntry tenant, StockMovement movement, AuditActor actor) {
        return pools.withPool(tenant, actor, pool -> pool.withTransaction(conn ->
                conn.preparedQuery("SELECT 1 FROM products WHERE id = $1").execute(Tuple.of(movement.productId())).flatMap(product -> {
                    if (!product.iterator().hasNext()) {
                        LOG.errorf("Stock movement %s of %s names unknown product %d; dropped", movement.movementId(), tenant.snapshot().slug(),
                                movement.productId());
                        return Uni.createFrom().voidItem();
                    }
                    return conn.preparedQuery("INSERT INTO stock_movements (product_id, quantity, reason, reference, movement_key) "
                                    + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (movement_key) DO NOTHING RETURNING id")
                            .execute(Tuple.from(Arrays.asList(movement.productId(), movement.quantity(), movement.reason(), movement.reference(),
                                    movement.movementId())))
                            .flatMap(inserted -> inserted.iterator().hasNext()
                                    ? conn.preparedQuery("UPDATE products SET stock_quantity = stock_quantity + $2, updated_at = now() WHERE id = $1")
                                    .execute(Tuple.of(movement.productId(), movement.quantity())).replaceWithVoid()
                                    : Uni.createFrom().voidItem());
                })));
    }
}
