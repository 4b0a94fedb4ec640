package io.ipsc.web.clinic;

import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.LineView;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.invoicing.InvoiceResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a patient was billed and has paid: invoicing-service's invoices for the customer dental-service bills
 * ({@code dental:patient:<id>}), each with its total, paid and balance as the API states them, and the line each
 * completed treatment made ({@code source_key} {@code dental:treatment:<id>}). Nothing is added up here.
 */
public record PatientBilling(List<Invoice> invoices, Map<Long, Line> lines, String unavailable) {

    static final String TREATMENT_KEY = "dental:treatment:";

    /** dental-service's party for the patient, as it bills it (source {@code dental}, party {@code patient:<id>}). */
    static String partyRef(long patientId) {
        return "dental:patient:" + patientId;
    }

    public record Invoice(long id, String label, String status, String date, String total, String paid, String balance) {
    }

    /** The invoice line a treatment's completion made. */
    public record Line(long invoiceId, String invoiceLabel, String invoiceStatus, String description, String sac, String amount) {
    }

    static PatientBilling of(List<InvoiceView> views) {
        Map<Long, Line> lines = new HashMap<>();
        List<Invoice> invoices = views.stream().map(v -> {
            String label = label(v);
            String status = InvoiceResource.status(v.getStatus());
            for (LineView l : v.getLines() == null ? List.<LineView>of() : v.getLines()) {
                String key = l.getSourceKey();
                if (key != null && key.startsWith(TREATMENT_KEY)) {
                    try {
                        lines.put(Long.parseLong(key.substring(TREATMENT_KEY.length())), new Line(v.getId(), label, status,
                                l.getDescription(), l.getHsnSac(), IndianFormats.rupees(l.getTotal())));
                    } catch (NumberFormatException notOurs) {
                        // A key this page does not know how to read names no treatment here.
                    }
                }
            }
            return new Invoice(v.getId(), label, status, IndianFormats.date(v.getInvoiceDate()), IndianFormats.rupees(v.getTotal()),
                    IndianFormats.rupees(v.getAmountPaid()), IndianFormats.rupees(v.getBalanceDue()));
        }).toList();
        return new PatientBilling(invoices, Map.copyOf(lines), null);
    }

    static PatientBilling unavailable(String why) {
        return new PatientBilling(List.of(), Map.of(), why);
    }

    static String label(InvoiceView v) {
        return v.getNumber() == null ? "Draft invoice #" + v.getId() : "Invoice " + v.getNumber();
    }
}
