package io.ipsc.invoicing.einvoice;

import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.invoicing.invoice.InvoiceView;
import io.ipsc.invoicing.invoice.NoteKind;
import io.ipsc.invoicing.invoice.NoteService;
import io.ipsc.invoicing.party.PartyService;
import io.ipsc.invoicing.party.PartyView;
import io.ipsc.invoicing.settings.InvoicingSettingsService;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * An issued invoice's e-invoice JSON ({@link EInvoiceJson}). E-invoicing is for supplies to business buyers
 * (registered, SEZ, export, deemed export; Notification 13/2020-CT): a B2C invoice is refused, as is a draft, which
 * has no number yet, and an invoice of a tenant without a GSTIN. A credit or debit note on an e-invoiced supply has
 * its own ({@code CRN}/{@code DBN}), refused as its invoice would be.
 */
@RequestScoped
public class EInvoiceService {

    private final TenantContext tenant;
    private final InvoiceService invoices;
    private final PartyService parties;
    private final InvoicingSettingsService settings;
    private final NoteService notes;

    public EInvoiceService(TenantContext tenant, InvoiceService invoices, PartyService parties, InvoicingSettingsService settings,
                           NoteService notes) {
        this.tenant = tenant;
        this.invoices = invoices;
        this.notes = notes;
        this.parties = parties;
        this.settings = settings;
    }

    public Uni<Map<String, Object>> of(long id) {
        return invoices.get(id).flatMap(invoice -> {
            refuseUnlessEInvoiced(invoice, "Invoice " + id);
            if (invoice.number() == null) {
                throw ApiException.conflict("INVOICE_NOT_ISSUED", "Invoice " + id + " is a draft: issue it first, an e-invoice needs its number");
            }
            return withParties(invoice, (seller, customer) -> EInvoiceJson.of(invoice, seller, customer));
        });
    }

    /** A credit or debit note's e-invoice ({@code CRN}/{@code DBN}): only where its invoice's supply is e-invoiced. */
    public Uni<Map<String, Object>> ofNote(NoteKind kind, long id) {
        return notes.get(kind, id).flatMap(note -> invoices.get(note.invoiceId()).flatMap(invoice -> {
            refuseUnlessEInvoiced(invoice, kind.title() + " " + note.number() + " (on invoice " + invoice.number() + ")");
            return withParties(invoice, (seller, customer) -> EInvoiceJson.ofNote(note, kind.documentType(), invoice, seller, customer));
        }));
    }

    private void refuseUnlessEInvoiced(InvoiceView invoice, String what) {
        if (SupplyType.B2C.name().equals(invoice.supplyType())) {
            throw ApiException.unprocessable("EINVOICE_NOT_APPLICABLE", what + " is to an unregistered buyer (B2C): "
                    + "e-invoicing applies to registered, SEZ, export and deemed-export supplies only");
        }
        if (tenant.tenant().snapshot().gstin() == null) {
            throw ApiException.unprocessable("EINVOICE_NOT_APPLICABLE", "The business has no GSTIN: e-invoices are for registered suppliers");
        }
    }

    private Uni<Map<String, Object>> withParties(InvoiceView invoice, BiFunction<EInvoiceJson.Seller, PartyView, Map<String, Object>> json) {
        TenantSnapshot supplier = tenant.tenant().snapshot();
        return parties.get("customer", invoice.customerId()).flatMap(customer -> settings.get().map(s -> json.apply(
                new EInvoiceJson.Seller(supplier.name(), supplier.gstin(), InvoiceTotals.supplierStateCode(supplier), s.supplierAddressLines()),
                customer)));
    }
}
