package io.ipsc.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * Sends every operation of a service's own OpenAPI document a battery of bad requests — broken and
 * mistyped JSON, unknown fields, injection-looking strings and path ids, absurd numbers, impossible
 * dates, a body over the size limit — and checks the promise of design §4: never a 5xx for bad
 * input, every error in the envelope with an UPPER_SNAKE code and a message, never a stack trace.
 * Every broken answer is collected, so one run lists them all; {@link #assertNoViolations()} then
 * fails once with that list.
 *
 * <p>Requests carry the headers the test gives (a tenant admin's token and {@code X-Tenant-ID}) so
 * that they get past the door and reach the validation behind it.
 */
public final class BadInputSweep {

    /** Bigger than the 10 MB that Quarkus accepts by default ({@code quarkus.http.limits.max-body-size}). */
    public static final int HUGE_BODY_BYTES = 11 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final List<String> STACK_TRACE_MARKERS = List.of("at io.", "at java.", "at org.", "\tat ", "Exception");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String LONG_TEXT = "x".repeat(10_000);

    /** Path ids and slugs that name nothing sensible; already encoded for the URL. */
    private static final Map<String, String> BAD_PATH_VALUES = orderedMap(
            "zero", "0",
            "negative", "-1",
            "non-numeric", "abc",
            "fraction", "1.5",
            "huge number", "99999999999999999999",
            "sql injection", encode("' OR 1=1--"),
            "path traversal", encode("../../etc/passwd"),
            "script tag", encode("<script>alert(1)</script>"),
            "NUL byte", "%00",
            "long", "y".repeat(1_000));

    /** Query values, already encoded; dates and numbers that no parser should choke on. */
    private static final Map<String, String> BAD_QUERY_VALUES = orderedMap(
            "negative", "-1",
            "zero", "0",
            "non-numeric", "abc",
            "huge number", "9999999999999999999",
            "1e308", "1e308",
            "sql injection", encode("' OR 1=1--"),
            "script tag", encode("<script>"),
            "NUL byte", "%00",
            "date 0000-00-00", "0000-00-00",
            "date 9999-99-99", "9999-99-99",
            "date 2024-02-30", "2024-02-30",
            "long", "q".repeat(1_000));

    private static final Map<String, JsonNode> BAD_STRINGS = orderedMap(
            "sql injection", NODES.textNode("' OR 1=1--"),
            "path traversal", NODES.textNode("../../etc/passwd"),
            "script tag", NODES.textNode("<script>alert(1)</script>"),
            "NUL byte", NODES.textNode("a\u0000b"),
            "percent-00", NODES.textNode("%00"),
            "10 000 characters", NODES.textNode(LONG_TEXT),
            "empty", NODES.textNode(""));

    private static final Map<String, JsonNode> BAD_NUMBERS = orderedMap(
            "-1", NODES.numberNode(-1),
            "0", NODES.numberNode(0),
            "1.5", NODES.numberNode(new BigDecimal("1.5")),
            "1e308", NODES.numberNode(1e308),
            "-1e308", NODES.numberNode(-1e308),
            "9999999999999999999", NODES.numberNode(new BigInteger("9999999999999999999")),
            "text \"NaN\"", NODES.textNode("NaN"),
            "text \"1e308\"", NODES.textNode("1e308"));

    private static final Map<String, JsonNode> BAD_DATES = orderedMap(
            "date 0000-00-00", NODES.textNode("0000-00-00"),
            "date 9999-99-99", NODES.textNode("9999-99-99"),
            "date 2024-02-30", NODES.textNode("2024-02-30"),
            "date +999999999-12-31", NODES.textNode("+999999999-12-31"),
            "time 25:61", NODES.textNode("25:61"));

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, JsonNode> validBodies = new LinkedHashMap<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> accepted = new ArrayList<>();
    private String hugeBodyOperation;
    private int requests;

    private BadInputSweep() {
    }

    /** A sweep whose requests carry no headers yet; add the token and tenant with {@link #header}. */
    public static BadInputSweep create() {
        return new BadInputSweep();
    }

    public BadInputSweep header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The good value of a path parameter, used while another part of the request is the bad one (default {@code 1}). */
    public BadInputSweep pathValue(String parameter, String value) {
        pathValues.put(parameter, value);
        return this;
    }

    /**
     * A body that the operation accepts: each body case then spoils one field of it, so the bad value
     * travels past the other fields' validation and down to the database. Without one, a body is
     * made up from the schema.
     */
    public BadInputSweep validBody(String method, String path, Map<String, ?> body) {
        validBodies.put(key(method, path), JSON.valueToTree(body));
        return this;
    }

    /** Leaves an operation out, e.g. one that would end the session the sweep runs in. */
    public BadInputSweep skip(String method, String path) {
        skipped.add(key(method, path));
        return this;
    }

    /** The operation that gets the 11 MB body (default: the first one that takes JSON). */
    public BadInputSweep hugeBodyTo(String method, String path) {
        hugeBodyOperation = key(method, path);
        return this;
    }

    /** Reads the service's OpenAPI document and sweeps every operation in it. */
    public BadInputSweep sweepOpenApi() {
        // The document is on the management interface, apart from the API that the sweep then calls.
        JsonNode openApi = read(ManagementInterface.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode schemas = openApi.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey()) && !skipped.contains(key(op.getKey(), path.getKey()))) {
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), path.getValue(), op.getValue(), schemas));
            }
        }));
        if (operations.isEmpty()) {
            throw new AssertionError("The OpenAPI document lists no operations to sweep");
        }
        for (Operation operation : operations) {
            sweep(operation);
        }
        Operation huge = operations.stream()
                .filter(o -> o.bodySchema != null && (hugeBodyOperation == null || hugeBodyOperation.equals(key(o.method, o.path))))
                .findFirst().orElse(null);
        if (huge != null) {
            sendHugeBody(huge.method, huge.url(Map.of()));
            sendHugeChunkedBody(huge.method, huge.url(Map.of()));
        }
        return this;
    }

    /**
     * Sends a body over the size limit once: the answer must be 413 in the envelope. The request
     * says {@code Expect: 100-continue}, as curl and browsers' upload libraries do for big bodies,
     * so that a server that refuses early can be heard instead of cutting the upload off.
     */
    public BadInputSweep sendHugeBody(String method, String url) {
        hugeBodyCase(method, url, "11 MB body", false);
        return this;
    }

    /**
     * Sends a body over the size limit without declaring its length (chunked): the server learns
     * the size only while reading, and must still refuse it with 413. Only the status is checked:
     * Quarkus REST writes that 413 itself, with an empty body, from inside its body reader, where
     * no application code can give it the envelope.
     */
    public BadInputSweep sendHugeChunkedBody(String method, String url) {
        hugeBodyCase(method, url, "11 MB chunked body", true);
        return this;
    }

    private void hugeBodyCase(String method, String url, String caseName, boolean chunked) {
        requests++;
        try {
            RawAnswer answer = sendRaw(method, url, hugeJson(), chunked);
            List<String> found = new ArrayList<>(chunked ? List.of() : problems(answer.status, answer.body));
            if (answer.status != 413) {
                found.add("expected 413");
            }
            record(method, url, caseName, answer.status, found, answer.body);
        } catch (Exception e) {
            violations.add(new Violation(method, url, caseName, 0, "no answer: " + e));
        }
    }

    /**
     * HTTP/1.1 by hand, because the JDK's client (17) can wait forever when a server answers an
     * {@code Expect: 100-continue} with its final status, and REST Assured's does not wait at all.
     * A chunked upload is sent until the server answers or stops reading.
     */
    private RawAnswer sendRaw(String method, String url, byte[] body, boolean chunked) throws IOException {
        String host = RestAssured.baseURI.replaceFirst("^https?://", "");
        int port = RestAssured.port;
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(url).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append(chunked ? "Transfer-Encoding: chunked\r\n"
                            : "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (chunked) {
                int chunk = 64 * 1024;
                try {
                    for (int at = 0; at < body.length && in.available() == 0; at += chunk) {
                        int size = Math.min(chunk, body.length - at);
                        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, at, size);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException stoppedReading) {
                    // The server answered and closed while the upload went on: its answer is still to be read.
                }
                RawAnswer answer = RawAnswer.read(in);
                return answer.status == 100 ? RawAnswer.read(in) : answer;
            }
            RawAnswer answer = RawAnswer.read(in);
            if (answer.status == 100) {
                out.write(body);
                out.flush();
                answer = RawAnswer.read(in);
            }
            return answer;
        }
    }

    /** Status and body of one HTTP/1.1 answer read off a socket. */
    private record RawAnswer(int status, String body) {
        static RawAnswer read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(header.indexOf(':') + 1).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (status == 100) {
                return new RawAnswer(status, "");
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line(in);
                }
                body = all.toByteArray();
            } else {
                body = length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
            }
            return new RawAnswer(status, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /** Sends one bad request and records every way its answer breaks the contract. */
    public Response send(String method, String url, String caseName, Consumer<RequestSpecification> customise) {
        requests++;
        RequestSpecification spec = given().urlEncodingEnabled(false);
        if (!headers.isEmpty()) {
            // A case that sets one of the sweep's headers (a forged token, another tenant) replaces it, not adds to it.
            String[] names = headers.keySet().toArray(new String[0]);
            spec.config(RestAssured.config().headerConfig(HeaderConfig.headerConfig()
                    .overwriteHeadersWithName(names[0], Arrays.copyOfRange(names, 1, names.length))));
            spec.headers(headers);
        }
        customise.accept(spec);
        Response response;
        try {
            response = spec.request(method, url);
        } catch (Exception e) {
            violations.add(new Violation(method, url, caseName, 0, "no answer: " + e));
            return null;
        }
        String body = response.asString();
        record(method, url, caseName, response.statusCode(), problems(response.statusCode(), body), body);
        return response;
    }

    private void record(String method, String url, String caseName, int status, List<String> found, String body) {
        statuses.merge(status, 1, Integer::sum);
        if (status >= 200 && status < 300) {
            accepted.add(new Violation(method, url, caseName, status, "accepted").toString());
        }
        if (!found.isEmpty()) {
            violations.add(new Violation(method, url, caseName, status, String.join("; ", found) + " — " + excerpt(body)));
        }
    }

    /** What is wrong with one answer to bad input; empty when it keeps the contract. */
    public static List<String> problems(int status, String body) {
        List<String> problems = new ArrayList<>();
        if (status >= 500) {
            problems.add("server error for bad input");
        }
        if (status >= 400) {
            JsonNode envelope;
            try {
                envelope = JSON.readTree(body == null ? "" : body);
            } catch (Exception e) {
                envelope = null;
            }
            if (envelope == null || !envelope.isObject()) {
                problems.add("error body is not the JSON envelope");
            } else {
                if (!envelope.path("success").isBoolean() || envelope.path("success").asBoolean()) {
                    problems.add("envelope lacks success: false");
                }
                String code = envelope.path("error").path("code").asText("");
                if (!UPPER_SNAKE.matcher(code).matches()) {
                    problems.add("error.code is not UPPER_SNAKE: '" + code + "'");
                }
                if (!envelope.path("message").isTextual() || envelope.path("message").asText().isBlank()) {
                    problems.add("envelope has no message");
                }
                if (!envelope.path("timestamp").isTextual()) {
                    problems.add("envelope has no timestamp");
                }
            }
        }
        if (status >= 400 && body != null) {
            for (String marker : STACK_TRACE_MARKERS) {
                if (body.contains(marker)) {
                    problems.add("body shows internals ('" + marker.trim() + "')");
                    break;
                }
            }
        }
        return problems;
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public int requestsSent() {
        return requests;
    }

    /** How many answers of each status the sweep got: a sweep that only ever hears 401 or 404 tests little. */
    public String summary() {
        return requests + " bad requests, answered " + statuses;
    }

    /** The bad requests that were accepted (2xx): allowed, but worth a look when a sweep is written. */
    public List<String> acceptedCases() {
        return List.copyOf(accepted);
    }

    /** Fails once, listing every broken answer of the whole sweep. */
    public void assertNoViolations() {
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder()
                .append(violations.size()).append(" of ").append(requests)
                .append(" bad-input requests got an answer that breaks the contract:\n");
        violations.forEach(v -> report.append("  ").append(v).append('\n'));
        throw new AssertionError(report.toString());
    }

    // ---- the cases ----

    private void sweep(Operation op) {
        Map<String, String> good = new LinkedHashMap<>();
        for (String name : op.pathParameters) {
            good.put(name, pathValues.getOrDefault(name, "1"));
        }
        String goodUrl = op.url(good);
        JsonNode body = op.bodySchema == null ? null
                : validBodies.getOrDefault(key(op.method, op.path), op.sample(op.bodySchema, 0));

        for (String parameter : op.pathParameters) {
            BAD_PATH_VALUES.forEach((caseName, value) -> {
                Map<String, String> values = new LinkedHashMap<>(good);
                values.put(parameter, value);
                sendJson(op.method, op.url(values), "path {" + parameter + "} " + caseName, body);
            });
        }
        for (String parameter : op.queryParameters) {
            BAD_QUERY_VALUES.forEach((caseName, value) ->
                    sendJson(op.method, goodUrl + "?" + parameter + "=" + value, "query " + parameter + " " + caseName, body));
        }
        if (body == null) {
            return;
        }
        send(op.method, goodUrl, "malformed JSON", spec -> spec.contentType("application/json").body("{\"name\": \"unterminated"));
        send(op.method, goodUrl, "empty body", spec -> spec.contentType("application/json"));
        send(op.method, goodUrl, "text/plain body", spec -> spec.contentType("text/plain").body("hello"));
        sendJson(op.method, goodUrl, "JSON null", NODES.nullNode());
        sendJson(op.method, goodUrl, "JSON array instead of object", NODES.arrayNode().add(1).add(2));
        sendJson(op.method, goodUrl, "JSON string instead of object", NODES.textNode("x"));
        if (body.isObject()) {
            ObjectNode unknown = body.deepCopy();
            unknown.put("no_such_field", 1);
            sendJson(op.method, goodUrl, "unknown field", unknown);
        }
        for (FieldCase fieldCase : op.fieldCases(op.bodySchema, body)) {
            sendJson(op.method, goodUrl, fieldCase.name, fieldCase.body);
        }
    }

    private void sendJson(String method, String url, String caseName, JsonNode body) {
        send(method, url, caseName, spec -> {
            if (body != null) {
                spec.contentType("application/json").body(write(body));
            }
        });
    }

    /** One operation of the OpenAPI document, with its parameters and its JSON body's schema. */
    private final class Operation {
        final String method;
        final String path;
        final List<String> pathParameters = new ArrayList<>();
        final List<String> queryParameters = new ArrayList<>();
        final JsonNode bodySchema;
        final JsonNode schemas;

        Operation(String method, String path, JsonNode pathItem, JsonNode operation, JsonNode schemas) {
            this.method = method;
            this.path = path;
            this.schemas = schemas;
            for (JsonNode parameter : concat(pathItem.path("parameters"), operation.path("parameters"))) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                if ("path".equals(in) && !pathParameters.contains(name)) {
                    pathParameters.add(name);
                } else if ("query".equals(in) && !queryParameters.contains(name)) {
                    queryParameters.add(name);
                }
            }
            JsonNode json = operation.path("requestBody").path("content").path("application/json").path("schema");
            bodySchema = json.isMissingNode() ? null : resolve(json);
        }

        String url(Map<String, String> values) {
            String url = path;
            for (String name : pathParameters) {
                url = url.replace("{" + name + "}", values.getOrDefault(name, pathValues.getOrDefault(name, "1")));
            }
            return url;
        }

        JsonNode resolve(JsonNode schema) {
            int hops = 0;
            while (schema.has("$ref") && hops++ < 10) {
                String ref = schema.path("$ref").asText();
                schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            // A nullable reference is written as allOf/anyOf/oneOf with one entry.
            for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
                if (schema.path(combinator).isArray() && schema.path(combinator).size() > 0 && !schema.has("properties")) {
                    ObjectNode merged = NODES.objectNode();
                    ObjectNode properties = merged.putObject("properties");
                    for (JsonNode part : schema.path(combinator)) {
                        JsonNode resolved = resolve(part);
                        if (resolved.has("properties")) {
                            properties.setAll((ObjectNode) resolved.path("properties"));
                            merged.put("type", "object");
                        } else if (properties.isEmpty()) {
                            return resolved;
                        }
                    }
                    return merged;
                }
            }
            return schema;
        }

        String type(JsonNode schema) {
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                // OpenAPI 3.1 writes nullable types as ["string", "null"].
                for (JsonNode t : type) {
                    if (!"null".equals(t.asText())) {
                        return t.asText();
                    }
                }
            }
            if (type.isTextual()) {
                return type.asText();
            }
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }

        /** A plausible value for a schema, for operations the test gave no valid body. */
        JsonNode sample(JsonNode schema, int depth) {
            schema = resolve(schema);
            if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
                return schema.path("enum").get(0);
            }
            switch (type(schema)) {
                case "object": {
                    ObjectNode object = NODES.objectNode();
                    if (depth < 4) {
                        schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), sample(p.getValue(), depth + 1)));
                    }
                    return object;
                }
                case "array": {
                    ArrayNode array = NODES.arrayNode();
                    if (depth < 4) {
                        array.add(sample(schema.path("items"), depth + 1));
                    }
                    return array;
                }
                case "integer":
                    return NODES.numberNode(1);
                case "number":
                    return NODES.numberNode(new BigDecimal("10.00"));
                case "boolean":
                    return NODES.booleanNode(true);
                default:
                    String format = schema.path("format").asText("");
                    if (format.equals("date")) {
                        return NODES.textNode("2024-01-15");
                    }
                    if (format.equals("date-time")) {
                        return NODES.textNode("2024-01-15T10:00:00Z");
                    }
                    if (format.contains("time")) {
                        return NODES.textNode("10:00:00");
                    }
                    return NODES.textNode("sample");
            }
        }

        /** For each field (nested objects and the first item of arrays included): wrong types, null and absurd values. */
        List<FieldCase> fieldCases(JsonNode schema, JsonNode body) {
            List<FieldCase> cases = new ArrayList<>();
            collectFieldCases(resolve(schema), body, body, new ArrayList<>(), cases, 0);
            return cases;
        }

        private void collectFieldCases(JsonNode schema, JsonNode root, JsonNode here, List<Object> at, List<FieldCase> cases, int depth) {
            if (depth > 3 || !here.isObject()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                String field = property.getKey();
                JsonNode fieldSchema = resolve(property.getValue());
                List<Object> fieldAt = new ArrayList<>(at);
                fieldAt.add(field);
                String label = "field " + label(fieldAt) + " ";
                String type = type(fieldSchema);
                Map<String, JsonNode> values = new LinkedHashMap<>();
                values.put("null", NODES.nullNode());
                switch (type) {
                    case "integer", "number" -> {
                        values.put("wrong type text", NODES.textNode("not a number"));
                        values.put("wrong type object", NODES.objectNode().put("a", 1));
                        values.put("wrong type boolean", NODES.booleanNode(true));
                        values.putAll(BAD_NUMBERS);
                    }
                    case "boolean" -> {
                        values.put("wrong type text", NODES.textNode("maybe"));
                        values.put("wrong type number", NODES.numberNode(12));
                        values.put("wrong type array", NODES.arrayNode().add(1));
                    }
                    case "array" -> {
                        values.put("wrong type text", NODES.textNode("x"));
                        values.put("wrong type object", NODES.objectNode().put("a", 1));
                        values.put("array of nulls", NODES.arrayNode().addNull());
                    }
                    case "object" -> {
                        values.put("wrong type text", NODES.textNode("x"));
                        values.put("wrong type array", NODES.arrayNode().add(1));
                    }
                    default -> {
                        values.put("wrong type object", NODES.objectNode().put("a", 1));
                        values.put("wrong type array", NODES.arrayNode().add(1));
                        values.putAll(BAD_STRINGS);
                        String format = fieldSchema.path("format").asText("");
                        if (format.contains("date") || format.contains("time") || field.endsWith("date") || field.endsWith("_at")
                                || field.endsWith("_time") || field.endsWith("_from") || field.endsWith("_to")) {
                            values.putAll(BAD_DATES);
                        }
                    }
                }
                values.forEach((caseName, value) -> cases.add(new FieldCase(label + caseName, replaced(root, fieldAt, value))));

                JsonNode current = here.path(field);
                if ("object".equals(type) && current.isObject()) {
                    collectFieldCases(fieldSchema, root, current, fieldAt, cases, depth + 1);
                } else if ("array".equals(type) && current.isArray() && current.size() > 0 && current.get(0).isObject()) {
                    List<Object> itemAt = new ArrayList<>(fieldAt);
                    itemAt.add(0);
                    collectFieldCases(resolve(fieldSchema.path("items")), root, current.get(0), itemAt, cases, depth + 1);
                }
            }
        }
    }

    private record FieldCase(String name, JsonNode body) {
    }

    /** One answer that broke the contract. */
    public record Violation(String method, String url, String caseName, int status, String problem) {
        @Override
        public String toString() {
            String shownUrl = url.length() > 120 ? url.substring(0, 117) + "..." : url;
            return method + " " + shownUrl + " [" + caseName + "] -> " + status + ": " + problem;
        }
    }

    // ---- helpers ----

    private static JsonNode replaced(JsonNode root, List<Object> at, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < at.size() - 1; i++) {
            Object step = at.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String name) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array && last instanceof Integer index) {
            array.set(index, value);
        }
        return copy;
    }

    private static String label(List<Object> at) {
        StringBuilder out = new StringBuilder();
        for (Object step : at) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    private static byte[] hugeJson() {
        byte[] body = new byte[HUGE_BODY_BYTES];
        byte[] start = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        Arrays.fill(body, start.length, body.length - 2, (byte) 'a');
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static Iterable<JsonNode> concat(JsonNode first, JsonNode second) {
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }

    private static String key(String method, String path) {
        return method.toUpperCase() + " " + path;
    }

    private static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 197) + "..." : flat;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + excerpt(json), e);
        }
    }

    private static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
