package io.ipsc.web.workspace;

import io.ipsc.client.ApiException;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace's sections as read-only lists, one page at a time, each from the module that owns it
 * through the gateway (which also refuses a section whose feature is off). The invoices and the patients have their
 * own pages ({@code io.ipsc.web.invoicing.InvoiceResource}, {@code io.ipsc.web.clinic.PatientResource}).
 */
@ApplicationScoped
public class Sections {

    static final int PAGE_SIZE = 20;

    private final Gateway gateway;

    Sections(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The page of {@code section}, or empty when there is no such section. */
    public Optional<SectionTable> page(String slug, String section, int page, Map<String, String> bearer) throws ApiException {
        int p = Math.max(1, page);
        return Optional.ofNullable(switch (section) {
            case "products" -> {
                var data = gateway.products().listProducts(slug, false, p, null, PAGE_SIZE, bearer).getData();
                yield new SectionTable("Products", List.of("SKU", "Name", "Price", "In stock"), data.getItems().stream()
                        .map(i -> List.of(text(i.getSku()), text(i.getName()), IndianFormats.rupees(i.getPrice()), text(i.getStockQuantity())))
                        .toList(), p, pages(data.getTotalPages()), total(data.getTotalItems()));
            }
            case "customers" -> {
                var data = gateway.customers().listCustomers(slug, p, null, PAGE_SIZE, bearer).getData();
                yield new SectionTable("Customers", List.of("Name", "GSTIN", "City", "Phone"), data.getItems().stream()
                        .map(i -> List.of(text(i.getName()), text(i.getGstin()), text(i.getCity()), text(i.getPhone())))
                        .toList(), p, pages(data.getTotalPages()), total(data.getTotalItems()));
            }
            case "appointments" -> {
                var data = gateway.appointments().listAppointments(slug, null, null, null, p, null, PAGE_SIZE, null, null, bearer).getData();
                yield new SectionTable("Appointments", List.of("When", "Patient", "Treatment", "Status"), data.getItems().stream()
                        .map(i -> List.of(text(i.getAppointmentDate()), "#" + text(i.getPatientId()), text(i.getTreatmentType()),
                                text(i.getStatus())))
                        .toList(), p, pages(data.getTotalPages()), total(data.getTotalItems()));
            }
            case "boms" -> {
                var data = gateway.boms().listBoms(slug, p, null, PAGE_SIZE, bearer).getData();
                yield new SectionTable("Bills of materials", List.of("BOM", "Product", "Version", "Description"), data.getItems().stream()
                        .map(i -> List.of("#" + text(i.getBomId()), "#" + text(i.getProductId()), text(i.getVersion()), text(i.getDescription())))
                        .toList(), p, pages(data.getTotalPages()), total(data.getTotalItems()));
            }
            case "production-orders" -> {
                var data = gateway.productionOrders().listProductionOrders(slug, p, PAGE_SIZE, null, bearer).getData();
                yield new SectionTable("Production orders", List.of("Order", "Quantity", "Due", "Status"), data.getItems().stream()
                        .map(i -> List.of(text(i.getOrderNumber()), text(i.getQuantity()), IndianFormats.date(i.getDueDate()), text(i.getStatus())))
                        .toList(), p, pages(data.getTotalPages()), total(data.getTotalItems()));
            }
            default -> null;
        });
    }

    private static String text(Object value) {
        return Objects.toString(value, "—");
    }

    private static int pages(Integer totalPages) {
        return totalPages == null ? 1 : Math.max(1, totalPages);
    }

    private static long total(Long totalItems) {
        return totalItems == null ? 0 : totalItems;
    }
}
