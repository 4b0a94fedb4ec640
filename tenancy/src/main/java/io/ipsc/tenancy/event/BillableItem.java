package io.ipsc.tenancy.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The value of a record on {@link Topics#BILLING}: something a tenant's customer is to be billed
 * for, raised by another module. invoicing-service adds it as a line to the party's draft invoice;
 * {@code idempotencyKey} (e.g. {@code "dental:treatment:42"}) makes a redelivered item a no-op.
 *
 * @param tenant          the tenant's slug
 * @param source          the module that raised it, e.g. {@code dental}
 * @param idempotencyKey  unique per tenant for this billable fact
 * @param party           who is billed; matched to an invoicing customer by {@code source} and {@code externalId}
 * @param line            what is billed
 */
public record BillableItem(String tenant, String source, String idempotencyKey, Party party, Line line, Instant occurredAt) {

    /** The billed party as the raising module knows it (a patient, say). */
    public record Party(String externalId, String name, String phone, String email, String gstin, String state) {
    }

    /** One invoice line: amounts are exact decimals in rupees; {@code gstRate} in percent (e.g. 18). */
    public record Line(String description, String hsnSac, BigDecimal quantity, BigDecimal unitPrice, BigDecimal gstRate) {
    }
}
