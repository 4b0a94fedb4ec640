package io.ipsc.manufacturing.quality;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The rules of quality control: only a released or started order is inspected, a result may not
 * contradict its counts and readings, and only a failed, undecided inspection takes a decision.
 */
@ApplicationScoped
public class InspectionService {

    private final InspectionRepository inspections;

    public InspectionService(InspectionRepository inspections) {
        this.inspections = inspections;
    }

    public Uni<Inspection> record(Pool pool, long orderId, InspectionRequest request) {
        if (request.passed() + request.failed() > request.sampleSize()) {
            throw ApiException.validation(List.of(new ErrorDetail("sample_size", "passed and failed add up to more than sample_size")));
        }
        List<InspectionRequest.Reading> readings = request.readings() == null ? List.of() : request.readings();
        String computed = InspectionEvaluation.result(request.failed(), readings);
        if (InspectionEvaluation.PASSED.equals(request.result()) && InspectionEvaluation.FAILED.equals(computed)) {
            throw new ApiException(422, "INCONSISTENT_RESULT", "result is passed, but units failed or readings are outside their limits",
                    List.of(new ErrorDetail("result", "contradicts the counts or readings")), Map.of());
        }
        String result = request.result() == null ? computed : request.result();
        List<Inspection.CheckedReading> checked = readings.stream().map(r -> new Inspection.CheckedReading(r.name(), r.value(), r.min(), r.max(),
                InspectionEvaluation.withinLimits(r.value(), r.min(), r.max()))).toList();
        List<String> codes = request.defectCodes() == null ? List.of() : request.defectCodes().stream().map(String::trim).toList();
        return pool.withTransaction(tx -> inspections.holdOrderStatus(tx, orderId)
                .chain(status -> {
                    String found = status.orElseThrow(() -> ApiException.notFound("Production order " + orderId));
                    if (!"released".equals(found) && !"in_progress".equals(found)) {
                        throw ApiException.conflict("ILLEGAL_STATE", "Production order " + orderId + " is " + found
                                + "; only released or in_progress orders are inspected");
                    }
                    return inspections.insert(tx, orderId, request, codes, checked, result);
                }));
    }

    public Uni<List<Inspection>> list(Pool pool, long orderId) {
        return inspections.orderExists(pool, orderId).chain(found -> {
            if (!found) {
                throw ApiException.notFound("Production order " + orderId);
            }
            return inspections.list(pool, orderId);
        });
    }

    /** Decides on a failed inspection, which releases the hold it put on the order. */
    public Uni<Inspection> decide(Pool pool, long orderId, long inspectionId, DecisionRequest request) {
        return inspections.decide(pool, orderId, inspectionId, request.decision(), request.notes())
                .chain(decided -> decided.isPresent() ? Uni.createFrom().item(decided.get())
                        : inspections.exists(pool, orderId, inspectionId).map(exists -> {
                            if (!exists) {
                                throw ApiException.notFound("Inspection " + inspectionId + " of production order " + orderId);
                            }
                            throw ApiException.conflict("NOTHING_TO_DECIDE", "Inspection " + inspectionId + " has passed or has been decided already");
                        }));
    }
}
