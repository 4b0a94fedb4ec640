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

        /**
         * Refuses a page that writes to a member whose role may not write (a viewer): {@code doing} says what the page
         * is for ("create invoices"), {@code section} (e.g. {@code invoices}, under the workspace) and {@code records}
         * ("the invoices") where the refusal leads back to.
         */
        public void requireWrite(String doing, String section, String records) {
            if (workspace.mayWrite()) {
                return;
            }
            String role = workspace.role().role() == null ? "viewer" : workspace.role().role().toLowerCase(java.util.Locale.ROOT);
            String company = workspace.companyName();
            String heading = "Your role cannot " + doing;
            throw new RoleCannot(chrome(heading + " · " + company), heading, "You are signed in as " + session.user().email() + ", a "
                    + role + " of " + company + ": you may read its records but not " + doing + ", which needs the staff role or higher. "
                    + "An administrator of " + company + " can change your role.", workspace.base() + section, "Back to " + records);
        }
    }

    public Visit of(String slug, String sessionId, String host) throws ApiException {
        return arrive(slug, sessionId, host).visit();
    }

    /**
     * A visit on its way: the visitor's token is known at once and the tenant and its brand are being asked for, so a
     * page can start its own calls beside them and wait for the slowest answer, not for each in turn. Nothing a page
     * asked for is shown before {@link Arrival#visit()} has answered: the gateway refuses a non-member's calls as it
     * refuses the tenant.
     */
    public Arrival arrive(String slug, String sessionId, String host) throws ApiException {
        WebSession session = sessions.require(sessionId);
        Map<String, String> bearer = Gateway.bearer(tokens.current(session));
        CompletableFuture<BrandingView> brand = calls.start(() -> gateway.branding().getBranding(slug, bearer).getData());
        CompletableFuture<TenantView> tenant = calls.start(() -> gateway.tenants().getTenant(slug, bearer).getData());
        return new Arrival(bearer, () -> {
            TenantView answered;
            try {
                answered = GatewayCalls.await(tenant);
            } catch (ApiException refused) {
                brand.cancel(false);
                throw refused;
            }
            if ("suspended".equalsIgnoreCase(answered.getStatus())) {
                throw new TenantSuspended(answered.getName());
            }
            return new Visit(session, bearer, answered, workspace(session.user(), answered, GatewayCalls.await(brand), host));
        });
    }

    /** See {@link #arrive}. */
    public static final class Arrival {

        private final Map<String, String> bearer;
        private final GatewayCalls.Call<Visit> checked;
        private Visit visit;

        private Arrival(Map<String, String> bearer, GatewayCalls.Call<Visit> checked) {
            this.bearer = bearer;
            this.checked = checked;
        }

        /** A visit already checked, for a page that is drawn again after a form's refusal. */
        public static Arrival of(Visit visit) {
            Arrival arrival = new Arrival(visit.bearer(), () -> visit);
            arrival.visit = visit;
            return arrival;
        }

        public Map<String, String> bearer() {
            return bearer;
        }

        /** The visit once the gateway has answered for the tenant and its brand, or its refusal. */
        public Visit visit() throws ApiException {
            if (visit == null) {
                visit = checked.get();
            }
            return visit;
        }
    }

    private Workspace workspace(WebSession.SignedInUser user, TenantView tenant, BrandingView branding, String host) {
        String base = hosts.tenantOf(host).filter(tenant.getSlug()::equals).isPresent() ? "/" : "/t/" + tenant.getSlug() + "/";
        String name = branding.getCompanyName() == null || branding.getCompanyName().isBlank() ? tenant.getName() : branding.getCompanyName();
        MemberRole role = MemberRole.of(user, tenant.getSlug());
        return new Workspace(tenant.getSlug(), name, branding.getLogoUrl(), base, Menu.of(tenant.getFeatures(), base, role.admin()), role);
    }
}
