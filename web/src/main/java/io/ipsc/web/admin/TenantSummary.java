package io.ipsc.web.admin;

import io.ipsc.client.model.TenantView;
import io.ipsc.web.setup.OrganisationType;

import java.time.OffsetDateTime;

/** A tenant as a row of the console's list and the head of its page. */
public record TenantSummary(String slug, String name, String type, String status, String plan, String contactEmail,
                            OffsetDateTime createdAt) {

    public static TenantSummary of(TenantView t) {
        return new TenantSummary(t.getSlug(), t.getName(), t.getOrganizationType(), t.getStatus(),
                t.getSubscription() == null ? null : t.getSubscription().getPlan(), t.getContactEmail(), t.getCreatedAt());
    }

    public String typeLabel() {
        return OrganisationType.ALL.stream().filter(o -> o.value().equals(type)).map(OrganisationType::label).findFirst()
                .orElse(type == null ? "—" : type);
    }

    public boolean active() {
        return "active".equals(status);
    }

    public boolean suspended() {
        return "suspended".equals(status);
    }

    public boolean deleted() {
        return "deleted".equals(status);
    }

    public String href() {
        return "/admin/tenants/" + slug;
    }
}
