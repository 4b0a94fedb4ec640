package io.ipsc.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.oas.OpenApi31;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every real answer of the gateway checked against the suite's OpenAPI document (issue 23): the
 * operation is found by method and path template, the status must be one the operation documents, and
 * the JSON body must match the schema documented for that status. Violations are collected over the run
 * ({@link #assertNone()} fails with the list); {@code -Dipsc.openapi.lenient=true} prints them instead.
 *
 * <p>Both ways the tests call the gateway go through here: the generated client's response interceptor
 * ({@link #interceptor()}) and a REST Assured filter ({@link #filter()}) for the raw-HTTP tests.
 *
 * <p>Two readings are stricter than OpenAPI's defaults, on purpose: an object schema that names its
 * properties is read as closed (a field the document does not name is a violation: a client generated
 * from the document cannot see it, and a renamed field would otherwise pass), and {@code format} is
 * asserted ({@code date-time} needs an offset, {@code int32} a value that fits).
 */
final class OpenApiAnswers {

    static final String LENIENT = "ipsc.openapi.lenient";
    static final String SNAPSHOT = "api-client/openapi/ipsc-api.json";

    /** Where the validator finds the document; it is never fetched, the loader serves it from memory. */
    private static final String DOCUMENT_IRI = "https://ipsc.invalid/openapi/ipsc-api.json";
    private static final Pattern TENANT_SUBDOMAIN = Pattern.compile("^([a-z0-9-]+)\\.localhost(:\\d+)?$");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^/}]+}");
    /** Not API operations: the document itself and Swagger UI, and Quarkus' paths (404 on the API port). */
    private static final List<String> NOT_OPERATIONS = List.of("/docs", "/q/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile OpenApiAnswers snapshot;

    private final JsonNode document;
    private final List<Route> routes = new ArrayList<>();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final boolean openApi31;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Integer> violations = new LinkedHashMap<>();
    private volatile int gatewayPort = -1;

    /** The committed document the client is generated from (the drift check holds the gateway to it). */
    static OpenApiAnswers snapshot() {
        if (snapshot == null) {
            synchronized (OpenApiAnswers.class) {
                if (snapshot == null) {
                    Path file = Path.of(System.getProperty("ipsc.repo", "..")).resolve(SNAPSHOT);
                    try {
                        snapshot = new OpenApiAnswers(Files.readString(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return snapshot;
    }

    OpenApiAnswers(String documentText) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(documentText, null, options);
        OpenAPI openApi = parsed.getOpenAPI();
        if (openApi == null) {
            throw new IllegalArgumentException("not an OpenAPI document: " + parsed.getMessages());
        }
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(message -> record("the document", 0, "", message));
        }
        try {
            document = JSON.readTree(documentText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        openApi31 = document.path("openapi").asText().startsWith("3.1");
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                    routes.add(new Route(template, method.name(), operation))));
        }
        // Fewer parameters first: /appointments/availability is its own operation, not /appointments/{id}.
        routes.sort(Comparator.comparingInt(Route::parameters));

        ObjectNode closed = document.deepCopy();
        closeObjects(closed, openApi31);
        String closedText = closed.toString();
        JsonMetaSchema dialect = openApi31 ? OpenApi31.getInstance() : OpenApi30.getInstance();
        factory = JsonSchemaFactory.getInstance(openApi31 ? SpecVersion.VersionFlag.V202012 : SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, closedText))));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                // OpenAPI 3.0's "nullable"; 3.1 says null in "type", which the 2020-12 dialect reads itself.
                .nullableKeywordEnabled(!openApi31)
                .locale(Locale.ENGLISH)
                .build();
    }

    /** Answers from this port only are checked: the document describes the gateway, not the services behind it. */
    void watchGateway(int port) {
        gatewayPort = port;
    }

    /** For the generated client's {@code ApiClient.setResponseInterceptor}; needs a body that can be read twice ({@link GatewayClient}). */
    Consumer<HttpResponse<InputStream>> interceptor() {
        return response -> {
            String body;
            try (InputStream in = response.body()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            check(response.request().method(), response.request().uri(),
                    response.request().headers().firstValue("X-Tenant-ID").orElse(null),
                    response.request().headers().firstValue("Host").orElse(null),
                    response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), body);
        };
    }

    /** For REST Assured: each answer is checked, then handed on unchanged. */
    Filter filter() {
        return new Filter() {
            @Override
            public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
                                   FilterContext context) {
                Response response = context.next(request, expected);
                check(request.getMethod(), URI.create(request.getURI()), request.getHeaders().getValue("X-Tenant-ID"),
                        request.getHeaders().getValue("Host"), response.statusCode(), response.contentType(), response.asString());
                return response;
            }
        };
    }

    /**
     * Checks one answer. {@code tenantHeader} and {@code host} let the header and subdomain forms
     * ({@code /api/products} with {@code X-Tenant-ID}) be read as the documented path form.
     */
    void check(String method, URI uri, String tenantHeader, String host, int status, String contentType, String body) {
        if (gatewayPort != -1 && uri.getPort() != gatewayPort) {
            return;
        }
        String path = uri.getRawPath();
        if (NOT_OPERATIONS.stream().anyMatch(path::startsWith)) {
            return;
        }
        String where = method.toUpperCase(Locale.ROOT) + " " + path;
        Optional<Route> found = route(method, path, tenant(tenantHeader, host));
        if (found.isEmpty()) {
            if (status >= 400 && status < 500) {
                // A refused path that is no operation (dot segments, a module the tenant lacks the path of):
                // the refusal is still the documented error envelope.
                checkRefusal(where, status, contentType, body);
            } else {
                record(where, status, "", "no operation of the document matches " + where);
            }
            return;
        }
        Route route = found.get();
        String operation = route.operationId + " (" + route.method + " " + route.template + ")";
        Optional<String> responsePointer = response(route, status);
        if (responsePointer.isEmpty()) {
            record(operation, status, "", "status " + status + " is not documented (documented: "
                    + String.join(", ", route.statuses) + ")");
            return;
        }
        checkBody(operation, status, resolve(responsePointer.get()), contentType, body);
    }

    /** Every violation so far, cleared; one line each, with how often it was seen. */
    List<String> drain() {
        synchronized (violations) {
            List<String> lines = violations.entrySet().stream()
                    .map(e -> e.getValue() > 1 ? e.getKey() + "  (x" + e.getValue() + ")" : e.getKey())
                    .collect(Collectors.toList());
            violations.clear();
            return lines;
        }
    }

    /** Fails with every violation seen so far, unless {@value #LENIENT} is true (then they are printed). */
    void assertNone() {
        List<String> lines = drain();
        if (lines.isEmpty()) {
            return;
        }
        String report = lines.size() + " answers do not match the OpenAPI document (" + SNAPSHOT + "):\n  "
                + String.join("\n  ", lines);
        if (Boolean.getBoolean(LENIENT)) {
            System.err.println("[" + LENIENT + "=true, not failing] " + report);
        } else {
            fail(report + "\n(-D" + LENIENT + "=true lists them without failing)");
        }
    }

    private void checkRefusal(String where, int status, String contentType, String body) {
        JsonNode errorEnvelope = document.path("components").path("schemas").path("ErrorEnvelope");
        if (errorEnvelope.isMissingNode()) {
            record(where, status, "", "not an operation, and the document has no ErrorEnvelope schema to check the refusal against");
            return;
        }
        JsonNode answer = parseJson(where, status, contentType, body);
        if (answer != null) {
            validate(where, status, "#/components/schemas/ErrorEnvelope", answer);
        }
    }

    private void checkBody(String operation, int status, JsonNode response, String contentType, String body) {
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isBlank();
        if (!content.isObject() || content.isEmpty()) {
            if (hasBody) {
                record(operation, status, "", "the answer has a body (" + contentType + ") the document does not describe: "
                        + abbreviate(body));
            }
            return;
        }
        if (!hasBody) {
            record(operation, status, "", "no body, where the document describes " + names(content));
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            media = content.path("*/*");
        }
        if (media.isMissingNode()) {
            record(operation, status, "", "Content-Type " + contentType + " is not documented (documented: " + names(content) + ")");
            return;
        }
        if (!mediaType.contains("json") || !media.has("schema")) {
            return;
        }
        JsonNode answer = parseJson(operation, status, contentType, body);
        if (answer != null) {
            validate(operation, status, media.get("schema"), answer);
        }
    }

    private JsonNode parseJson(String where, int status, String contentType, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            record(where, status, "", "the body (" + contentType + ") is not JSON: " + abbreviate(body));
            return null;
        }
    }

    private void validate(String where, int status, String reference, JsonNode answer) {
        validate(where, status, JSON.createObjectNode().put("$ref", reference), answer);
    }

    private void validate(String where, int status, JsonNode schemaNode, JsonNode answer) {
        JsonNode absolute = absoluteReferences(schemaNode.deepCopy());
        closeObjects(absolute, openApi31);
        String key = absolute.toString();
        JsonSchema schema = schemas.computeIfAbsent(key, k -> factory.getSchema(
                SchemaLocation.of("https://ipsc.invalid/answers/" + schemas.size()), absolute, config));
        Set<ValidationMessage> messages = schema.validate(answer);
        for (ValidationMessage message : messages) {
            String pointer = message.getInstanceLocation().toString();
            if (isUnevaluatedBecauseInvalid(message, messages)) {
                continue;
            }
            record(where, status, pointer, message.getMessage().replaceFirst("^\\S*: ", ""));
        }
    }

    /**
     * A property whose value failed its own schema counts as not evaluated, so the closed object reports it
     * a second time: that second report says nothing new.
     */
    private static boolean isUnevaluatedBecauseInvalid(ValidationMessage message, Set<ValidationMessage> all) {
        if (!"unevaluatedProperties".equals(message.getType()) || message.getProperty() == null) {
            return false;
        }
        String property = message.getInstanceLocation().toString() + "/" + escape(message.getProperty());
        return all.stream().map(m -> m.getInstanceLocation().toString())
                .anyMatch(p -> p.equals(property) || p.startsWith(property + "/"));
    }

    /** {@code #/components/...} as the document's own address, for a schema taken out of it. */
    private JsonNode absoluteReferences(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.put("$ref", DOCUMENT_IRI + ref.asText());
            }
            object.elements().forEachRemaining(this::absoluteReferences);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::absoluteReferences);
        }
        return node;
    }

    private Optional<Route> route(String method, String path, String tenant) {
        Optional<Route> direct = match(method, path);
        if (direct.isPresent() || tenant == null || path.startsWith("/api/tenants/") || !path.startsWith("/api/")) {
            return direct;
        }
        return match(method, "/api/tenants/" + tenant + path.substring("/api".length()));
    }

    private Optional<Route> match(String method, String path) {
        return routes.stream().filter(r -> r.method.equalsIgnoreCase(method) && r.pattern.matcher(path).matches()).findFirst();
    }

    private static String tenant(String header, String host) {
        if (header != null && !header.isBlank()) {
            return header;
        }
        if (host != null) {
            Matcher subdomain = TENANT_SUBDOMAIN.matcher(host);
            if (subdomain.matches()) {
                return subdomain.group(1);
            }
        }
        return null;
    }

    /** The pointer of the response documented for the status: the exact code, its range ({@code 4XX}), or {@code default}. */
    private Optional<String> response(Route route, int status) {
        String base = "/paths/" + escape(route.template) + "/" + route.method.toLowerCase(Locale.ROOT) + "/responses/";
        for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
            if (route.statuses.contains(key)) {
                return Optional.of(base + escape(key));
            }
        }
        return Optional.empty();
    }

    /** The node at the pointer, following a response's {@code $ref} into {@code components.responses}. */
    private JsonNode resolve(String pointer) {
        JsonNode node = document.at(pointer);
        Set<String> seen = new HashSet<>();
        while (node.has("$ref") && node.get("$ref").asText().startsWith("#") && seen.add(node.get("$ref").asText())) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /**
     * Gives each object schema that names its properties {@code unevaluatedProperties: false} (3.1) or
     * {@code additionalProperties: false} (3.0), unless it says otherwise. A schema used inside an
     * {@code allOf} stays open (its siblings add the other properties); the schema with the {@code allOf} closes.
     */
    private static void closeObjects(JsonNode root, boolean openApi31) {
        Set<String> composed = new HashSet<>();
        collectAllOfMembers(root, composed);
        JsonNode components = root.path("components").path("schemas");
        if (components.isObject()) {
            components.fields().forEachRemaining(e -> closeSchema(e.getValue(),
                    composed.contains("#/components/schemas/" + e.getKey()), openApi31));
        }
        if (root.has("paths")) {
            root.path("paths").forEach(item -> item.forEach(operation -> operation.path("responses").forEach(response ->
                    response.path("content").forEach(media -> closeSchema(media.path("schema"), false, openApi31)))));
        } else if (!root.has("components")) {
            closeSchema(root, false, openApi31);
        }
    }

    private static void collectAllOfMembers(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            JsonNode allOf = node.get("allOf");
            if (allOf != null && allOf.isArray()) {
                allOf.forEach(member -> {
                    if (member.has("$ref")) {
                        into.add(member.get("$ref").asText());
                    }
                });
            }
            node.elements().forEachRemaining(child -> collectAllOfMembers(child, into));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectAllOfMembers(child, into));
        }
    }

    private static void closeSchema(JsonNode schema, boolean insideAllOf, boolean openApi31) {
        if (!schema.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) schema;
        boolean composes = object.has("allOf");
        if (!insideAllOf && (object.has("properties") || composes) && !object.has("additionalProperties")
                && !object.has("unevaluatedProperties") && (openApi31 || !composes)) {
            object.put(openApi31 ? "unevaluatedProperties" : "additionalProperties", false);
        }
        JsonNode properties = object.path("properties");
        if (properties.isObject()) {
            properties.elements().forEachRemaining(property -> closeSchema(property, false, openApi31));
        }
        closeSchema(object.path("items"), false, openApi31);
        closeSchema(object.path("additionalProperties"), false, openApi31);
        for (String keyword : List.of("anyOf", "oneOf")) {
            object.path(keyword).forEach(member -> closeSchema(member, false, openApi31));
        }
        object.path("allOf").forEach(member -> closeSchema(member, true, openApi31));
    }

    /** Array positions read as {@code *}: the same field of each list item is one violation, seen n times. */
    private static final Pattern ARRAY_POSITION = Pattern.compile("/\\d+(?=/|$)");

    private void record(String where, int status, String pointer, String message) {
        pointer = ARRAY_POSITION.matcher(pointer).replaceAll("/*");
        String line = where + (status > 0 ? " -> " + status : "") + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + message;
        synchronized (violations) {
            violations.merge(line, 1, Integer::sum);
        }
    }

    private static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return String.join(", ", names);
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    /** One operation of the document: where it lives, and the statuses it documents. */
    private static final class Route {
        final String template;
        final String method;
        final String operationId;
        final Pattern pattern;
        final Set<String> statuses;

        Route(String template, String method, Operation operation) {
            this.template = template;
            this.method = method;
            this.operationId = operation.getOperationId() == null ? "(no operationId)" : operation.getOperationId();
            StringBuilder regex = new StringBuilder();
            Matcher parameter = TEMPLATE_PARAMETER.matcher(template);
            int last = 0;
            while (parameter.find()) {
                regex.append(Pattern.quote(template.substring(last, parameter.start()))).append("[^/]+");
                last = parameter.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            this.pattern = Pattern.compile(regex.toString());
            this.statuses = operation.getResponses() == null ? Set.of() : operation.getResponses().keySet();
        }

        int parameters() {
            return (int) TEMPLATE_PARAMETER.matcher(template).results().count();
        }
    }
}
