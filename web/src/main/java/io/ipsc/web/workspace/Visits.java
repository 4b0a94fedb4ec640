package io.ipsc.web.workspace;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.BrandingView;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How every workspace page starts: who asks, with which token, about which tenant (as the gateway lets
 * the visitor see it, or its refusal), framed by the tenant's brand and menu. A suspended tenant ends
 * here with its page.
 */
@ApplicationScoped
public class Visits {

    private final Gateway gateway;
    private final SessionStore sessions;
    private final AccessTokens tokens;
    private final TenantHosts hosts;
    private final GatewayCalls calls;

    Visits(Gateway gateway, SessionStore sessions, AccessTokens tokens, TenantHosts hosts, GatewayCalls calls) {
        this.gateway = gateway;
        this.calls = calls;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hosts = hosts;
    }

    /** A workspace page's starting point. */
    public record Visit(WebSession session, Map<String, String> bearer, TenantView tenant, Workspace workspace) {

        public Chrome chrome(String title) {
            return new Chrome(title, session.user(), workspace);
        }
    }

    public Visit of(String slug, String sessionId, String host) throws ApiException {
        WebSession session = sessions.require(sessionId);
        Map<String, String> bearer = Gateway.bearer(tokens.current(session));
        // The brand is asked for beside the tenant, not after it: the gateway refuses both alike to a non-member.
        CompletableFuture<BrandingView> brand = calls.start(() -> gateway.branding().getBranding(slug, bearer).getData());
        TenantView tenant;
        try {
            tenant = gateway.tenants().getTenant(slug, bearer).getData();
        } catch (ApiException refused) {
            brand.cancel(false);
            throw refused;
        }
        if ("suspended".equalsIgnoreCase(tenant.getStatus())) {
            throw new TenantSuspended(tenant.getName());
        }
        return new Visit(session, bearer, tenant, workspace(session.user(), tenant, GatewayCalls.await(brand), host));
    }

    private Workspace workspace(WebSession.SignedInUser user, TenantView tenant, BrandingView branding, String host) {
        String base = hosts.tenantOf(host).filter(tenant.getSlug()::equals).isPresent() ? "/" : "/t/" + tenant.getSlug() + "/";
        String name = branding.getCompanyName() == null || branding.getCompanyName().isBlank() ? tenant.getName() : branding.getCompanyName();
        MemberRole role = MemberRole.of(user, tenant.getSlug());
        return new Workspace(tenant.getSlug(), name, branding.getLogoUrl(), base, Menu.of(tenant.getFeatures(), base, role.admin()), role);
    }
}
