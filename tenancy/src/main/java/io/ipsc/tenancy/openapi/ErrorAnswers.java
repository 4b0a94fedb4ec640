package io.ipsc.tenancy.openapi;

import io.ipsc.tenancy.error.ErrorCode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Adds to every operation of a service's OpenAPI document the error answers it can give, each with the
 * envelope's error schema for its status ({@code ErrorEnvelope409}, whose {@code error.code} enumerates every
 * code of the {@link ErrorCode} catalogue with that status, so any real answer validates) and, in its
 * description and {@code x-ipsc-error-codes}, the codes this operation can meet: the catalogue's general ones
 * by the operation's shape (body, parameters, token, tenant, write) and those the operation names itself with
 * {@code @Extension(name = ErrorAnswers.CODES, value = "APPOINTMENT_CONFLICT,UNKNOWN_PATIENT")}.
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 0)
public class ErrorAnswers implements OASFilter {

    /** Operation extension naming the codes particular to it: {@code CODE} or {@code CODE:status}, comma-separated. */
    public static final String CODES = "x-ipsc-error-codes";
    /** Operation extension that takes a secured operation of a tenant-database service out of the tenant rules. */
    public static final String TENANT_SCOPED = "x-ipsc-tenant-scoped";
    /** Set by tenancy-db for the domain services: their secured operations act on one tenant's data. */
    static final String TENANT_SCOPED_SERVICE = "ipsc.openapi.tenant-scoped";
    public static final String ENVELOPE = "ErrorEnvelope";

    static final Map<Integer, String> REASONS = new TreeMap<>(Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"), Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout")));

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean tenantService = ConfigProvider.getConfig().getOptionalValue(TENANT_SCOPED_SERVICE, Boolean.class).orElse(false);
        Set<Integer> used = new TreeSet<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                used.addAll(answer(new Shape(path, method.name(), item, operation, openAPI, tenantService), operation))));
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema(ENVELOPE, envelope(null));
        used.forEach(status -> components.addSchema(schemaName(status), envelope(status)));
    }

    static String schemaName(int status) {
        return ENVELOPE + status;
    }

    /** Adds the operation's error answers; returns their statuses. */
    private static Set<Integer> answer(Shape shape, Operation operation) {
        Map<Integer, Set<ErrorCode>> codes = new TreeMap<>();
        codes.put(400, new LinkedHashSet<>());
        codes.put(429, new LinkedHashSet<>());
        if (shape.secured) {
            codes.put(401, new LinkedHashSet<>());
            codes.put(403, new LinkedHashSet<>());
        }
        if (shape.pathParameter || shape.tenant) {
            codes.put(404, new LinkedHashSet<>());
        }
        if (shape.write && shape.secured) {
            // A change to a resource can meet its state (409) or refuse its content (422); the public writes
            // (sign-in, refresh, invitations) give only the ones they name.
            codes.put(409, new LinkedHashSet<>());
            codes.put(422, new LinkedHashSet<>());
        }
        if (shape.tenant) {
            codes.put(503, new LinkedHashSet<>());
        }
        for (ErrorCode code : ErrorCode.values()) {
            if (shape.meets(code.applies())) {
                // A general rule concerns the code's first status: NOT_A_MEMBER is 403 for any tenant operation,
                // 404 only where an operation names it (removing a user who is not a member).
                int status = code.generalStatus();
                codes.computeIfAbsent(status, s -> new LinkedHashSet<>()).add(code);
            }
        }
        named(operation).forEach((code, statuses) -> statuses.forEach(
                status -> codes.computeIfAbsent(status, s -> new LinkedHashSet<>()).add(code)));
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        codes.forEach((status, listed) -> operation.getResponses().addAPIResponse(Integer.toString(status), response(status, listed)));
        operation.getResponses().setAPIResponses(new TreeMap<>(operation.getResponses().getAPIResponses()));
        if (operation.getExtensions() != null) {
            operation.removeExtension(CODES);
            operation.removeExtension(TENANT_SCOPED);
        }
        return codes.keySet();
    }

    /** The codes the operation names, each with the statuses it names them for (all of the code's when unsaid). */
    static Map<ErrorCode, Set<Integer>> named(Operation operation) {
        Object value = operation.getExtensions() == null ? null : operation.getExtensions().get(CODES);
        Map<ErrorCode, Set<Integer>> named = new TreeMap<>();
        if (value == null) {
            return named;
        }
        for (String entry : value.toString().split(",")) {
            String[] parts = entry.trim().split(":");
            ErrorCode code = ErrorCode.of(parts[0].trim()).orElseThrow(() -> new IllegalStateException(
                    "Operation " + operation.getOperationId() + " names error code '" + parts[0].trim()
                            + "', which is not in io.ipsc.tenancy.error.ErrorCode"));
            Set<Integer> statuses = parts.length == 1 ? code.statuses() : Set.of(Integer.parseInt(parts[1].trim()));
            if (!code.statuses().containsAll(statuses)) {
                throw new IllegalStateException("Operation " + operation.getOperationId() + " names " + entry.trim()
                        + ", but " + code + " comes with " + code.statuses());
            }
            named.computeIfAbsent(code, c -> new TreeSet<>()).addAll(statuses);
        }
        return named;
    }

    private static APIResponse response(int status, Set<ErrorCode> codes) {
        String description = REASONS.getOrDefault(status, "Error") + (codes.isEmpty()
                ? ": no code particular to this operation is known; error.code is one of " + schemaName(status) + "'s"
                : ": " + codes.stream()
                .map(c -> "`" + c.name() + "` " + c.meaning()).collect(Collectors.joining("; ")));
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(schemaName(status)))));
        response.addExtension(CODES, codes.stream().map(Enum::name).toList());
        if (status == 429 || status == 503) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
        return response;
    }

    /** The error envelope; for a status, with error.code enumerating every catalogued code of that status. */
    static Schema envelope(Integer status) {
        Schema code = OASFactory.createSchema().addType(SchemaType.STRING).description("UPPER_SNAKE; see the catalogue in the README");
        if (status != null) {
            code.enumeration(new ArrayList<>(ErrorCode.withStatus(status).stream().map(Enum::name).toList()));
        }
        Schema detail = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One problem with one field of the request (field absent when it concerns the whole request)")
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING))
                .addRequired("message");
        Schema error = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("code", code)
                .addProperty("details", OASFactory.createSchema().addType(SchemaType.ARRAY).items(detail))
                .addRequired("code");
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description(status == null ? "The envelope of every error answer"
                        : "The envelope of a " + status + " answer; error.code is one of the codes this status carries")
                .addProperty("success", OASFactory.createSchema().addType(SchemaType.BOOLEAN).enumeration(new ArrayList<>(List.of(false))))
                .addProperty("data", OASFactory.createSchema().addType(SchemaType.NULL).description("Absent or null on errors"))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING).description("What went wrong, for a person"))
                .addProperty("timestamp", OASFactory.createSchema().addType(SchemaType.STRING).format("date-time"))
                .addProperty("error", error)
                .required(new ArrayList<>(List.of("success", "message", "error")));
    }

    /** What the general rules look at: the operation's inputs, its security, whether it writes or concerns a tenant. */
    private static final class Shape {
        final boolean body;
        final boolean input;
        final boolean paged;
        final boolean pathParameter;
        final boolean secured;
        final boolean tenant;
        final boolean write;

        Shape(String path, String method, PathItem item, Operation operation, OpenAPI openAPI, boolean tenantService) {
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
            }
            if (operation.getParameters() != null) {
                parameters.addAll(operation.getParameters());
            }
            body = operation.getRequestBody() != null;
            input = body || !parameters.isEmpty();
            paged = parameters.stream().anyMatch(p -> Parameter.In.QUERY == p.getIn()
                    && Arrays.asList("page", "size").contains(p.getName()));
            pathParameter = parameters.stream().anyMatch(p -> Parameter.In.PATH == p.getIn()) || path.contains("{");
            var security = operation.getSecurity() != null ? operation.getSecurity() : openAPI.getSecurity();
            secured = security != null && security.stream().anyMatch(r -> r.hasScheme(BearerAuth.SCHEME));
            Object scoped = operation.getExtensions() == null ? null : operation.getExtensions().get(TENANT_SCOPED);
            tenant = path.contains("{slug}")
                    || (secured && tenantService && !"false".equals(String.valueOf(scoped)));
            write = WRITES.contains(method);
        }

        boolean meets(ErrorCode.Applies applies) {
            return switch (applies) {
                case EVERY -> true;
                case INPUT -> input;
                case BODY -> body;
                case PAGED -> paged;
                case SECURED -> secured;
                case TENANT -> tenant;
                case PATH_ID -> pathParameter;
                case NAMED -> false;
            };
        }
    }
}
