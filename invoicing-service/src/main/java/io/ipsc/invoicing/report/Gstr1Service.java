package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.B2clThresholds;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** The tenant's GSTR-1 and sales register for a month: reads through {@link Gstr1Repository}, sorts by {@link Gstr1}'s rules. */
@RequestScoped
public class Gstr1Service {

    private final TenantContext tenant;
    private final Gstr1Repository repository;
    private final B2clThresholds thresholds;

    public Gstr1Service(TenantContext tenant, Gstr1Repository repository, B2clThresholds thresholds) {
        this.tenant = tenant;
        this.repository = repository;
        this.thresholds = thresholds;
    }

    public Uni<Gstr1.Return> gstr1(YearMonth month) {
        TenantSnapshot supplier = tenant.tenant().snapshot();
        return tenant.withDatabase(pool -> repository.supplies(pool, month)
                .flatMap(lines -> repository.numbers(pool, month)
                        .flatMap(numbers -> repository.notes(pool, month)
                                .map(notes -> Gstr1.build(month, supplier.gstin(), InvoiceTotals.supplierStateCode(supplier), lines, numbers,
                                        notes, thresholds)))));
    }

    public Uni<List<Map<String, Object>>> salesRegister(YearMonth month) {
        return tenant.withDatabase(pool -> repository.salesRegister(pool, month));
    }
}
