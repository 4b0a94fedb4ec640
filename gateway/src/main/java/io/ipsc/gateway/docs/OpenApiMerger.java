package io.ipsc.gateway.docs;

import io.ipsc.gateway.routing.Module;
import io.ipsc.gateway.routing.AuditRoutes;
import io.ipsc.gateway.routing.PathRouter;
import io.ipsc.gateway.routing.RoutingDecision;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The suite's one OpenAPI document, from the services' own: their paths rewritten to what callers
 * send to the gateway, what the gateway does not route left out, components merged. Pure: no I/O.
 */
public final class OpenApiMerger {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String TENANT_FORMS = "Also reachable as `%s` with the `X-Tenant-ID: {slug}` header, "
            + "or on the tenant's own host `{slug}.<domain>`.";

    /** The dialect SmallRye OpenAPI writes; used only when no module answered. */
    static final String DEFAULT_VERSION = "3.1.0";
    /** The name the gateway's own operations go by among the sources (and the prefix of a clashing schema). */
    private static final String GATEWAY = "gateway";

    private OpenApiMerger() {
    }

    /**
     * @param documents each answering module's document, in {@link Module} order
     * @param missing   the modules that did not answer, named in the result
     */
    public static JsonObject merge(Map<Module, JsonObject> documents, Collection<Module> missing, String publicUrl) {
        return merge(null, documents, missing, publicUrl);
    }

    /**
     * @param gateway the gateway's own operations (health, status, a tenant's performance), described by
     *                hand because they are Vert.x routes; their paths are already the callers' own
     */
    public static JsonObject merge(JsonObject gateway, Map<Module, JsonObject> documents, Collection<Module> missing, String publicUrl) {
        List<Source> sources = new ArrayList<>();
        if (gateway != null) {
            sources.add(new Source(GATEWAY, null, gateway));
        }
        documents.forEach((module, document) -> sources.add(new Source(module.id(), module, document)));
        return mergeSources(sources, missing, publicUrl);
    }

    /** One document to merge: a module's ({@code module} set, its paths rewritten) or the gateway's own. */
    private record Source(String name, Module module, JsonObject document) {
    }

    private static JsonObject mergeSources(List<Source> sources, Collection<Module> missing, String publicUrl) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        JsonObject bearer = null;
        String version = null;
        for (Source source : sources) {
            Module module = source.module();
            JsonObject document = source.document().copy();
            // The services' schemas are written in their document's dialect (3.1: `examples`, type arrays);
            // the merged document must declare the same one, or validators and generators misread them.
            if (version == null) {
                version = document.getString("openapi");
            }
            JsonObject ownComponents = document.getJsonObject("components", new JsonObject());
            JsonObject schemes = ownComponents.getJsonObject("securitySchemes");
            if (bearer == null && schemes != null && schemes.getJsonObject(BearerAuth.SCHEME) != null) {
                bearer = schemes.getJsonObject(BearerAuth.SCHEME);
            }
            Map<String, String> renamed = mergeComponents(source.name(), ownComponents, components);
            if (!renamed.isEmpty()) {
                document = (JsonObject) rewriteRefs(document, renamed);
            }
            JsonArray moduleSecurity = document.getJsonArray("security");
            JsonObject ownPaths = document.getJsonObject("paths", new JsonObject());
            for (String path : ownPaths.fieldNames()) {
                (module == null ? Optional.of(path) : gatewayPath(module, path)).ifPresent(gatewayPath -> {
                    JsonObject item = ownPaths.getJsonObject(path);
                    boolean tenantScoped = !gatewayPath.equals(path);
                    for (String method : METHODS) {
                        JsonObject operation = item.getJsonObject(method);
                        if (operation == null) {
                            continue;
                        }
                        if (!operation.containsKey("security") && moduleSecurity != null) {
                            operation.put("security", moduleSecurity.copy());
                        }
                        if (tenantScoped) {
                            scopeToTenant(operation, path);
                        }
                    }
                    paths.put(gatewayPath, item);
                });
            }
            for (Object tag : document.getJsonArray("tags", new JsonArray())) {
                JsonObject t = (JsonObject) tag;
                tags.putIfAbsent(t.getString("name"), t);
            }
        }
        JsonObject schemes = components.getJsonObject("securitySchemes", new JsonObject());
        schemes.put(BearerAuth.SCHEME, bearer != null ? bearer : new JsonObject().put("type", "http").put("scheme", "bearer")
                .put("bearerFormat", "JWT").put("description", "The access token from POST /api/auth/login"));
        components.put("securitySchemes", schemes);

        List<String> missingIds = missing.stream().map(Module::id).toList();
        String description = "Every IPSC module's API, as callers reach it through the gateway."
                + (missingIds.isEmpty() ? "" : " Missing (did not answer when this document was built): "
                + String.join(", ", missingIds) + ".");
        JsonObject merged = new JsonObject()
                .put("openapi", version != null ? version : DEFAULT_VERSION)
                .put("info", new JsonObject().put("title", "IPSC").put("version", "1").put("description", description))
                .put("servers", new JsonArray().add(new JsonObject().put("url", publicUrl).put("description", "The IPSC gateway")))
                .put("tags", new JsonArray(new ArrayList<>(tags.values())))
                .put("paths", paths)
                .put("components", components);
        if (!missingIds.isEmpty()) {
            merged.put("x-ipsc-missing-modules", new JsonArray(missingIds));
        }
        return merged;
    }

    /** The operationIds given to more than one operation: a generated client needs them unique. */
    public static List<String> duplicateOperationIds(JsonObject merged) {
        Set<String> seen = new java.util.HashSet<>();
        List<String> duplicates = new ArrayList<>();
        JsonObject paths = merged.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            for (String method : METHODS) {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                String id = operation == null ? null : operation.getString("operationId");
                if (id != null && !seen.add(id)) {
                    duplicates.add(id);
                }
            }
        }
        return duplicates;
    }

    /**
     * The path as callers send it to the gateway, if the gateway routes it to this module: a tenant's
     * resource under {@code /api/tenants/{slug}/}, the rest as it is.
     */
    static Optional<String> gatewayPath(Module module, String path) {
        // /api/audit is every module's, routed by its query: asked as service=<this module> it is tenant-service's
        // platform trail (no tenant) for tenant-service, and the tenant-scoped trail, described once, for the others.
        Optional<RoutingDecision> decision = PathRouter.route(path, AuditRoutes.askingFor(module)).filter(d -> d.module() == module);
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        if (!decision.get().tenantChecked() || decision.get().pathTenant() != null) {
            return Optional.of(path);
        }
        String scoped = "/api/tenants/{slug}" + path.substring("/api".length());
        // The rewritten form must reach the same upstream path, or it is no form of this operation.
        return PathRouter.route(scoped).filter(d -> d.module() == module && d.upstreamPath().equals(path)).map(d -> scoped);
    }

    private static void scopeToTenant(JsonObject operation, String headerForm) {
        JsonArray parameters = operation.getJsonArray("parameters", new JsonArray());
        JsonArray scoped = new JsonArray().add(new JsonObject().put("name", "slug").put("in", "path").put("required", true)
                .put("description", "The tenant's slug").put("schema", new JsonObject().put("type", "string")));
        parameters.forEach(scoped::add);
        operation.put("parameters", scoped);
        String note = String.format(TENANT_FORMS, headerForm);
        String description = operation.getString("description");
        operation.put("description", description == null || description.isBlank() ? note : description + "\n\n" + note);
    }

    /**
     * Adds the module's components to the merged ones; a name already taken with different content is
     * prefixed with the module. Returns the renames, as {@code $ref} targets.
     */
    private static Map<String, String> mergeComponents(String source, JsonObject own, JsonObject merged) {
        Map<String, String> renamed = new HashMap<>();
        for (String section : own.fieldNames()) {
            JsonObject target = merged.getJsonObject(section, new JsonObject());
            JsonObject entries = own.getJsonObject(section);
            for (String name : entries.fieldNames()) {
                if (!section.equals("securitySchemes") && target.containsKey(name) && !target.getValue(name).equals(entries.getValue(name))) {
                    renamed.put("#/components/" + section + "/" + name, "#/components/" + section + "/" + prefix(source) + name);
                }
            }
        }
        // Added once the renames are known: the module's components refer to each other by their old names.
        for (String section : own.fieldNames()) {
            if (section.equals("securitySchemes")) {
                continue;
            }
            JsonObject target = merged.getJsonObject(section);
            if (target == null) {
                target = new JsonObject();
                merged.put(section, target);
            }
            JsonObject entries = own.getJsonObject(section);
            for (String name : entries.fieldNames()) {
                String ref = "#/components/" + section + "/" + name;
                if (!renamed.containsKey(ref) && target.containsKey(name)) {
                    continue; // the same content under the same name: already there
                }
                String finalName = renamed.getOrDefault(ref, ref).substring(("#/components/" + section + "/").length());
                target.put(finalName, rewriteRefs(entries.getValue(name), renamed));
            }
        }
        return renamed;
    }

    private static String prefix(String source) {
        StringBuilder prefix = new StringBuilder();
        for (String word : source.split("-")) {
            prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return prefix.toString();
    }

    private static Object rewriteRefs(Object node, Map<String, String> renamed) {
        if (node instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            for (String key : object.fieldNames()) {
                Object value = object.getValue(key);
                copy.put(key, key.equals("$ref") && value instanceof String ref ? renamed.getOrDefault(ref, ref) : rewriteRefs(value, renamed));
            }
            return copy;
        }
        if (node instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(value -> copy.add(rewriteRefs(value, renamed)));
            return copy;
        }
        return node;
    }
}
