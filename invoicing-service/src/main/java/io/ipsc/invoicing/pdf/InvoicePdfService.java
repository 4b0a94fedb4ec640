package io.ipsc.invoicing.pdf;

import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.invoicing.invoice.InvoiceView;
import io.ipsc.invoicing.party.PartyService;
import io.ipsc.invoicing.party.PartyView;
import io.ipsc.invoicing.settings.InvoiceLogoService;
import io.ipsc.invoicing.settings.InvoicingSettings;
import io.ipsc.invoicing.settings.InvoicingSettingsService;
import io.ipsc.invoicing.settings.LogoImage;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An invoice as its tax invoice PDF, for every member of the tenant: the invoice, its customer, the
 * module's settings and the logo's print form (from memory once read) are read from the tenant's
 * database, then the document is rendered on a worker thread (PDF layout and font subsetting are CPU
 * work that must not hold the event loop).
 */
@RequestScoped
public class InvoicePdfService {

    /** Statuses with money still to collect, where a payment QR code belongs. */
    private static final Set<String> PAYABLE = Set.of("issued", "partially_paid");

    public record Rendered(String fileName, byte[] pdf) {
    }

    private final TenantContext tenant;
    private final InvoiceService invoices;
    private final PartyService parties;
    private final InvoicingSettingsService settings;
    private final InvoiceLogoService logos;

    public InvoicePdfService(TenantContext tenant, InvoiceService invoices, PartyService parties, InvoicingSettingsService settings,
                             InvoiceLogoService logos) {
        this.tenant = tenant;
        this.invoices = invoices;
        this.parties = parties;
        this.settings = settings;
        this.logos = logos;
    }

    public Uni<Rendered> render(long id) {
        TenantSnapshot snapshot = tenant.tenant().snapshot();
        return invoices.get(id)
                .flatMap(invoice -> parties.get("customer", invoice.customerId())
                        .flatMap(customer -> settings.get().flatMap(s -> logo(s).map(logo -> document(snapshot, invoice, customer, s, logo)))))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(document -> new Rendered(fileName(document.invoice()), TaxInvoicePdf.render(document)));
    }

    private Uni<LogoImage.Print> logo(InvoicingSettings s) {
        return s.logo() == null ? Uni.createFrom().nullItem() : logos.print(s.logo().etag());
    }

    static TaxInvoicePdf.Document document(TenantSnapshot tenant, InvoiceView invoice, PartyView customer, InvoicingSettings s,
                                           LogoImage.Print logo) {
        TaxInvoicePdf.Party supplier = new TaxInvoicePdf.Party(tenant.name(), tenant.gstin(), s.supplierAddressLines(),
                stateWithCode(InvoiceTotals.supplierStateCode(tenant)));
        List<String> customerAddress = new ArrayList<>();
        addIfPresent(customerAddress, customer.addressLine1());
        addIfPresent(customerAddress, customer.addressLine2());
        addIfPresent(customerAddress, join(customer.city(), customer.pincode()));
        TaxInvoicePdf.Party recipient = new TaxInvoicePdf.Party(customer.name(), customer.gstin(), customerAddress,
                customer.stateCode() != null ? stateWithCode(customer.stateCode()) : customer.state());
        String upi = s.upiId() != null && PAYABLE.contains(invoice.status()) && invoice.balanceDue().signum() > 0
                ? UpiPayment.uri(s.upiId(), s.payeeName() != null ? s.payeeName() : tenant.name(), invoice.balanceDue(), invoice.number())
                : null;
        return new TaxInvoicePdf.Document(invoice, supplier, recipient, stateWithCode(invoice.placeOfSupply()), s.brandColor(), upi, logo,
                s.lutReference());
    }

    /** "Karnataka (29)", as Rule 46 asks for the place of supply: the state's name and its code. */
    static String stateWithCode(String code) {
        if (code == null) {
            return null;
        }
        String name = PlaceOfSupply.name(code);
        return name == null ? code : name + " (" + code + ")";
    }

    private static String join(String city, String pincode) {
        if (city == null) {
            return pincode;
        }
        return pincode == null ? city : city + " " + pincode;
    }

    private static void addIfPresent(List<String> lines, String line) {
        if (line != null && !line.isBlank()) {
            lines.add(line.strip());
        }
    }

    static String fileName(InvoiceView invoice) {
        return (invoice.number() != null ? invoice.number().replaceAll("[^A-Za-z0-9-]", "-") : "draft-" + invoice.id()) + ".pdf";
    }
}
