package io.ipsc.tenant.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.event.PlanLimits;
import io.ipsc.tenant.move.MoveView;
import io.ipsc.tenant.provisioning.ProvisioningView;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant as the API shows it: every field kept from the request, plus status, features, plan and
 * placement (the database cluster its databases are on); alone, also each service's provisioning and its latest move.
 */
public record TenantView(
        long id,
        String slug,
        String name,
        String organizationType,
        String status,
        String contactPerson,
        String contactEmail,
        String contactPhone,
        String gstin,
        boolean gstinVerified,
        String industry,
        String size,
        String addressLine1,
        String addressLine2,
        String city,
        String state,
        String pincode,
        String country,
        Map<String, Boolean> features,
        PlanLimits subscription,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        Instant activatedAt,
        Placement placement,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, ProvisioningView> provisioning,
        // Left out of lists (null); in the single-tenant view the latest move, or null (Optional.empty) when none.
        @JsonInclude(JsonInclude.Include.NON_NULL) Optional<MoveView> move) {

    public static TenantView of(Tenant t) {
        return new TenantView(t, null, null);
    }

    /** With each service's provisioning state and the latest move (null: none), as the single-tenant view shows it. */
    public static TenantView of(Tenant t, Map<String, ProvisioningView> provisioning, MoveView move) {
        return new TenantView(t, provisioning, Optional.ofNullable(move));
    }

    private TenantView(Tenant t, Map<String, ProvisioningView> provisioning, Optional<MoveView> move) {
        this(t.id, t.slug, t.name, t.organizationType, t.status, t.contactPerson, t.contactEmail,
                t.contactPhone, t.gstin, t.gstinVerified, t.industry, t.size, t.addressLine1, t.addressLine2, t.city,
                t.state, t.pincode, t.country, t.features, limits(t), t.version, t.createdAt, t.updatedAt, t.deletedAt,
                t.activatedAt, new Placement(t.cluster, t.placementVersion), provisioning, move);
    }

    public static PlanLimits limits(Tenant t) {
        return new PlanLimits(t.subscriptionPlan, t.maxUsers, t.maxProducts, t.maxTransactionsPerMonth);
    }
}
