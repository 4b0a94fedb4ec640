package io.ipsc.gateway;

import io.ipsc.gateway.routing.Module;
import io.ipsc.gateway.routing.PathRouter;
import io.ipsc.gateway.routing.RoutingDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every URL of the seed guide goes to its owner, in each form. */
class PathRouterTest {

    @ParameterizedTest
    @CsvSource({
            "/api/tenants/smile-dental/products, INVOICING, /api/products, smile-dental, true",
            "/api/tenants/smile-dental/invoices/9, INVOICING, /api/invoices/9, smile-dental, true",
            "/api/tenants/smile-dental/customers, INVOICING, /api/customers, smile-dental, true",
            "/api/products, INVOICING, /api/products, , true",
            "/api/tenants/smile-dental/patients, DENTAL, /api/patients, smile-dental, true",
            "/api/tenants/smile-dental/appointments, DENTAL, /api/appointments, smile-dental, true",
            "/api/tenants/smile-dental/treatments, DENTAL, /api/treatments, smile-dental, true",
            "/api/tenants/precision-mfg/boms, MANUFACTURING, /api/boms, precision-mfg, true",
            "/api/tenants/precision-mfg/production-orders, MANUFACTURING, /api/production-orders, precision-mfg, true",
            "/api/tenants/precision-mfg/work-centers, MANUFACTURING, /api/work-centers, precision-mfg, true",
            "/api/tenants/smile-dental/branding, BRANDING, /api/branding, smile-dental, true",
            "/api/branding/templates, BRANDING, /api/branding/templates, , false",
            "/api/branding/status, BRANDING, /api/branding/status, , false",
            "/api/tenants/smile-dental/branding/theme.css, BRANDING, /api/branding/theme.css, smile-dental, true",
            "/api/tenants, TENANT_SERVICE, /api/tenants, , false",
            "/api/tenants/smile-dental, TENANT_SERVICE, /api/tenants/smile-dental, smile-dental, false",
            "/api/tenants/smile-dental/users/1, TENANT_SERVICE, /api/tenants/smile-dental/users/1, smile-dental, false",
            "/api/tenants/smile-dental/move, TENANT_SERVICE, /api/tenants/smile-dental/move, smile-dental, false",
            "/api/tenants/smile-dental/moves, TENANT_SERVICE, /api/tenants/smile-dental/moves, smile-dental, false",
            "/api/tenants/smile-dental/features, TENANT_SERVICE, /api/tenants/smile-dental/features, smile-dental, false",
            "/api/tenants/smile-dental/subscription, TENANT_SERVICE, /api/tenants/smile-dental/subscription, smile-dental, false",
            "/api/tenants/smile-dental/config, TENANT_SERVICE, /api/tenants/smile-dental/config, smile-dental, false",
            "/api/tenants/smile-dental/usage, TENANT_SERVICE, /api/tenants/smile-dental/usage, smile-dental, false",
            "/api/tenants/smile-dental/invitations, TENANT_SERVICE, /api/tenants/smile-dental/invitations, smile-dental, false",
            "/api/tenants/smile-dental/invitations/3, TENANT_SERVICE, /api/tenants/smile-dental/invitations/3, smile-dental, false",
            "/api/users, TENANT_SERVICE, /api/users, , false",
            "/api/database/performance/smile-dental, TENANT_SERVICE, /api/database/performance/smile-dental, , false",
            "/api/database/slow-queries/smile-dental, TENANT_SERVICE, /api/database/slow-queries/smile-dental, , false",
            "/api/database/clusters, TENANT_SERVICE, /api/database/clusters, , false",
            "/api/database/clusters/second, TENANT_SERVICE, /api/database/clusters/second, , false",
            "/api/auth/login, TENANT_SERVICE, /api/auth/login, , false",
            "/api/auth/logout, TENANT_SERVICE, /api/auth/logout, , false",
            "/api/invitations/abc, TENANT_SERVICE, /api/invitations/abc, , false",
            "/api/invitations/abc/accept, TENANT_SERVICE, /api/invitations/abc/accept, , false",
            "/.well-known/jwks.json, TENANT_SERVICE, /.well-known/jwks.json, , false"
    })
    void routesEverySeedUrl(String path, Module module, String upstream, String tenant, boolean checked) {
        RoutingDecision d = PathRouter.route(path).orElseThrow();
        assertEquals(module, d.module());
        assertEquals(upstream, d.upstreamPath());
        assertEquals(tenant, d.pathTenant());
        assertEquals(checked, d.tenantChecked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/", "/api/unknown", "/api/tenants/smile-dental/unknown", "/other", "/api/products/../users"})
    void refusesWhatNoModuleOwns(String path) {
        assertTrue(PathRouter.route(path).isEmpty(), path);
    }

    /** {@code /api/audit} is every module's: the entity, or else service=, names whose trail is meant. */
    @ParameterizedTest
    @CsvSource({
            "/api/tenants/smile-dental/audit, entity=invoice, INVOICING, /api/audit, smile-dental, true",
            "/api/tenants/smile-dental/audit, entity=invoice_lines, INVOICING, /api/audit, smile-dental, true",
            "/api/tenants/smile-dental/audit, entity=customer, INVOICING, /api/audit, smile-dental, true",
            "/api/tenants/smile-dental/audit, entity=credit-note, INVOICING, /api/audit, smile-dental, true",
            "/api/tenants/smile-dental/audit, entity=patient, DENTAL, /api/audit, smile-dental, true",
            "/api/tenants/smile-dental/audit, entity=treatments, DENTAL, /api/audit, smile-dental, true",
            "/api/tenants/precision-mfg/audit, entity=bom, MANUFACTURING, /api/audit, precision-mfg, true",
            "/api/tenants/precision-mfg/audit, entity=production-order, MANUFACTURING, /api/audit, precision-mfg, true",
            "/api/tenants/smile-dental/audit, entity=branding, BRANDING, /api/audit, smile-dental, true",
            "/api/audit, entity=patient, DENTAL, /api/audit, , true",
            "/api/audit/export, service=manufacturing, MANUFACTURING, /api/audit/export, , true",
            "/api/tenants/smile-dental/audit/export, service=dental, DENTAL, /api/audit/export, smile-dental, true",
            "/api/tenants/smile-dental/audit, entity=settings&service=branding, BRANDING, /api/audit, smile-dental, true"
    })
    void routesTheAuditTrailByItsEntityOrService(String path, String query, Module module, String upstream, String tenant, boolean checked) {
        java.util.Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        RoutingDecision d = PathRouter.route(path, params::get).orElseThrow();
        assertEquals(module, d.module());
        assertEquals(upstream, d.upstreamPath());
        assertEquals(tenant, d.pathTenant());
        assertEquals(checked, d.tenantChecked());
        assertEquals("audit", d.route().family());
    }

    /** The platform's trail (service=tenants) is tenant-service's, for no tenant, whichever path form asked. */
    @ParameterizedTest
    @CsvSource({"/api/audit, /api/audit", "/api/audit/export, /api/audit/export", "/api/tenants/smile-dental/audit, /api/audit"})
    void sendsThePlatformTrailToTenantServiceForNoTenant(String path, String upstream) {
        RoutingDecision d = PathRouter.route(path, name -> name.equals("service") ? "tenants" : null).orElseThrow();
        assertEquals(Module.TENANT_SERVICE, d.module());
        assertEquals(upstream, d.upstreamPath());
        assertEquals(null, d.pathTenant());
        assertEquals(false, d.tenantChecked());
    }

    @ParameterizedTest
    @CsvSource({
            "'', AUDIT_SERVICE_REQUIRED",
            "service=payroll, AUDIT_SERVICE_REQUIRED",
            "entity=settings, AUDIT_SERVICE_REQUIRED",
            "entity=unicorn, UNKNOWN_ENTITY"
    })
    void refusesAnAuditRequestThatNamesNoOwner(String query, String code) {
        java.util.Map<String, String> params = new java.util.HashMap<>();
        if (!query.isEmpty()) {
            params.put(query.substring(0, query.indexOf('=')), query.substring(query.indexOf('=') + 1));
        }
        io.ipsc.tenancy.error.ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(io.ipsc.tenancy.error.ApiException.class,
                () -> PathRouter.route("/api/tenants/smile-dental/audit", params::get));
        assertEquals(400, refused.status());
        assertEquals(code, refused.code());
        assertTrue(refused.getMessage().contains(code.equals("UNKNOWN_ENTITY") ? "invoices" : "manufacturing"), refused.getMessage());
    }

    /** The request metrics' {@code uri}: one series per route, whatever tenant, id or form the path carries. */
    @ParameterizedTest
    @CsvSource({
            "/api/products, /api/products",
            "/api/products/7, /api/products",
            "/api/tenants/smile-dental/products/7, /api/products",
            "/api/tenants/smile-dental/patients, /api/patients",
            "/api/branding/templates, /api/branding",
            "/api/tenants/smile-dental/users, /api/tenants",
            "/api/tenants, /api/tenants",
            "/api/auth/login, /api/auth",
            "/.well-known/jwks.json, /.well-known/jwks.json"
    })
    void namesTheRouteNotThePathInTheMetrics(String path, String uri) {
        assertEquals(uri, PathRouter.route(path).orElseThrow().metricsUri());
    }
}
