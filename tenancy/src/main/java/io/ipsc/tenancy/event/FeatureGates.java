package io.ipsc.tenancy.event;

import io.ipsc.tenancy.error.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which features a tenant needs for a request, decided by the service that answers it and the
 * request's path family (the first segment after {@code /api/}, or after {@code /api/tenants/{slug}/}
 * at the gateway): the module's own feature ({@link ServiceNeeds}), then the family's. One table,
 * read by the gateway before it forwards and by each service's request guard for the resource it
 * matched, so that a path spelt to slip past one of them still meets the other.
 */
public final class FeatureGates {

    public static final String REFUSAL_CODE = "FEATURE_DISABLED";

    /** Path family → the feature it needs beyond its module's own. */
    public static final Map<String, String> FAMILY_FEATURES = Map.of(
            "stock", Features.INVENTORY_MANAGEMENT,
            "reports", Features.ADVANCED_REPORTING,
            "dental-supplies", Features.INVENTORY_MANAGEMENT);

    /** A feature a request needs, and what it switches on, as the refusal names it. */
    public record Gate(String feature, String what) {

        public String message(String tenant) {
            return "The " + what + " is not enabled for tenant '" + tenant + "' (feature " + feature + ")";
        }

        /** 403 {@code FEATURE_DISABLED}, in the words every door uses. */
        public ApiException refusal(String tenant) {
            return ApiException.forbidden(REFUSAL_CODE, message(tenant));
        }
    }

    private FeatureGates() {
    }

    /**
     * The gates in front of {@code family} of {@code service} (a {@link ServiceNeeds} name; any other,
     * such as tenant-service, has no module gate), module first.
     */
    public static List<Gate> gates(String service, String family) {
        List<Gate> gates = new ArrayList<>(2);
        String moduleFeature = ServiceNeeds.SERVICES.get(service);
        if (moduleFeature != null && !moduleFeature.isEmpty()) {
            gates.add(new Gate(moduleFeature, service + " module"));
        }
        String familyFeature = FAMILY_FEATURES.get(family);
        if (familyFeature != null) {
            gates.add(new Gate(familyFeature, family + " part of the " + service + " module"));
        }
        return gates;
    }

    /**
     * The first gate that {@code tenant}'s features keep shut, or empty when the request may pass: {@link #gates}'s
     * order and words, without building the gates for a request that passes (every request, at the gateway and in each
     * service: the list and its messages were a few per cent of the gateway's samples).
     */
    public static Optional<Gate> shut(String service, String family, TenantSnapshot tenant) {
        String moduleFeature = ServiceNeeds.SERVICES.get(service);
        if (moduleFeature != null && !moduleFeature.isEmpty() && !tenant.featureOn(moduleFeature)) {
            return Optional.of(new Gate(moduleFeature, service + " module"));
        }
        String familyFeature = FAMILY_FEATURES.get(family);
        if (familyFeature != null && !tenant.featureOn(familyFeature)) {
            return Optional.of(new Gate(familyFeature, family + " part of the " + service + " module"));
        }
        return Optional.empty();
    }
}
