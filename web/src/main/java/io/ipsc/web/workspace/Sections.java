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
 * through the gateway (which also refuses a section whose feature is off). Invoices, products, customers,
 * vendors and purchases have their own pages ({@code io.ipsc.web.invoicing}, {@code .catalog}, {@code .purchasing}).
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
            case "patients" -> {
                var data = gateway.patients().listPatients(slug, false, p, null, PAGE_SIZE, bearer).getData();
                yield new SectionTable("Patients", List.of("Name", "Phone", "Date of birth"), data.getItems().stream()
                        .map(i -> List.of(text(i.getFirstName()) + " " + text(i.getLastName()), text(i.getPhone()),
                                IndianFormats.date(i.getDateOfBirth())))
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
