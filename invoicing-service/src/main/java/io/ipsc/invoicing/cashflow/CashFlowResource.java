package io.ipsc.invoicing.cashflow;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/cashflow?from=&to=}: money in (payments received) and out (payments made) per
 * month, what was invoiced per month (issued invoices by invoice date; drafts and cancelled ones are
 * no sales; debit notes add and credit notes take off in their note's month), what is owed (after credit and debit notes) either way today, in ageing buckets by due date (invoice date when none), and the
 * customers owing most ({@code top_customers}). {@link Ageing} filters the invoice and purchase lists by the same buckets.
 */
@Tag(name = "Cash flow")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/cashflow")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class CashFlowResource {

    private final CashFlowService cashFlow;

    public CashFlowResource(CashFlowService cashFlow) {
        this.cashFlow = cashFlow;
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_DATE,INVALID_RANGE")
    @Operation(operationId = "getCashFlow", summary = "Get the cash flow over a period")
    public Uni<ApiResponse<Map<String, Object>>> cashFlow(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        CashFlowService.Period period = cashFlow.period(fromText, toText);
        return cashFlow.cashFlow(period).map(data -> ApiResponse.ok(data, "Cash flow from " + period.from() + " to " + period.to()));
    }

    /**
     * The payments behind a month's money in or out bar: received ({@code direction=in}) or made ({@code out}) from
     * {@code from} to {@code to} (both days counted; by default the cash flow's period), oldest first. They add up to
     * what {@code GET /api/cashflow} counts for the same days; the message says the sum.
     */
    @GET
    @Path("/payments")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER,INVALID_DATE,INVALID_RANGE")
    @Operation(operationId = "listCashFlowPayments", summary = "List the payments received or made over a period",
            description = "direction=in lists payments received against invoices, out payments made against purchases; from and to "
                    + "are dates like 2024-04-01 (by default the twelve months to today, as GET /api/cashflow).")
    public Uni<ApiResponse<Page<PaymentLine>>> payments(@QueryParam("direction") String direction, @QueryParam("from") String fromText,
                                                        @QueryParam("to") String toText, @QueryParam("page") Integer page,
                                                        @QueryParam("size") Integer size) {
        return cashFlow.payments(direction, fromText, toText, PageRequest.of(page, size)).map(found -> ApiResponse.ok(found.page(),
                found.page().totalItems() + " payment(s) " + ("in".equals(direction.trim()) ? "received" : "made") + " from " + found.from()
                        + " to " + found.to() + ", " + found.sum().toPlainString() + " in all"));
    }
}
