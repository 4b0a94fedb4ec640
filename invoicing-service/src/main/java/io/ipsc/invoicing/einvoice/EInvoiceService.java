package io.ipsc.invoicing.einvoice;

import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.invoicing.party.PartyService;
import io.ipsc.invoicing.settings.InvoicingSettingsService;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;

/**
 * An issued invoice's e-invoice JSON ({@link EInvoiceJson}). E-invoicing is for supplies to business buyers
 * (registered, SEZ, export, deemed export; Notification 13/2020-CT): a B2C invoice is refused, as is a draft, which
 * has no number yet, and an invoice of a tenant without a GSTIN.
 */
@RequestScoped
public class EInvoiceService {

    private final TenantContext tenant;
    private final InvoiceService invoices;
    private final PartyService parties;
    private final InvoicingSettingsService settings;

    public EInvoiceService(TenantContext tenant, InvoiceService invoices, PartyService parties, InvoicingSettingsService settings) {
        this.tenant = tenant;
        this.invoices = invoices;
        this.parties = parties;
        this.settings = settings;
    }

    public Uni<Map<String, Object>> of(long id) {
        TenantSnapshot supplier = tenant.tenant().snapshot();
        return invoices.get(id).flatMap(invoice -> {
            if (SupplyType.B2C.name().equals(invoice.supplyType())) {
                throw ApiException.unprocessable("EINVOICE_NOT_APPLICABLE", "Invoice " + id + " is to an unregistered buyer (B2C): "
                        + "e-invoicing applies to registered, SEZ, export and deemed-export supplies only");
            }
            if (invoice.number() == null) {
                throw ApiException.conflict("INVOICE_NOT_ISSUED", "Invoice " + id + " is a draft: issue it first, an e-invoice needs its number");
            }
            if (supplier.gstin() == null) {
                throw ApiException.unprocessable("EINVOICE_NOT_APPLICABLE", "The business has no GSTIN: e-invoices are for registered suppliers");
            }
            return parties.get("customer", invoice.customerId()).flatMap(customer -> settings.get().map(s -> EInvoiceJson.of(invoice,
                    new EInvoiceJson.Seller(supplier.name(), supplier.gstin(), InvoiceTotals.supplierStateCode(supplier), s.supplierAddressLines()),
                    customer)));
        });
    }
}
