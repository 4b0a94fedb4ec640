package io.ipsc.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The committed copy of the suite's OpenAPI document ({@code api-client/openapi/ipsc-api.json}, which the
 * generated client is built from) taken from a running gateway's {@code /docs/openapi}: {@code ./ipsc openapi}.
 *
 * <p>The live document names the gateway's own address in {@code servers}; the snapshot names
 * {@code http://localhost:8000}, so that it depends on nothing but the API. The keys keep the gateway's
 * order and the text is printed the same way every time (two spaces, {@code "key": value}), so a refresh
 * shows in git as the API's change and nothing else.
 */
public final class OpenApiSnapshot {

    public static final String DEFAULT_SOURCE = "http://127.0.0.1:8000/docs/openapi";
    public static final String SNAPSHOT_SERVER = "http://localhost:8000";
    public static final String SNAPSHOT_PATH = "api-client/openapi/ipsc-api.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiSnapshot() {
    }

    /** {@code [source URL] [target file]}: fetches the live document and writes the snapshot. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String source = args.length > 0 ? args[0] : DEFAULT_SOURCE;
        Path target = args.length > 1 ? Path.of(args[1])
                : Path.of(System.getProperty("ipsc.repo", ".")).resolve(SNAPSHOT_PATH);
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(60))
                            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("ipsc: nothing answers at " + source + " (" + e + ")");
            System.exit(1);
            return;
        }
        if (answer.statusCode() != 200) {
            System.err.println("ipsc: " + source + " answered " + answer.statusCode() + ": " + answer.body());
            System.exit(1);
        }
        JsonNode snapshot = asSnapshot(JSON.readTree(answer.body()));
        if (snapshot.has("x-ipsc-missing-modules")) {
            // The gateway serves what it has; a snapshot without a module would drop its operations from the client.
            System.err.println("ipsc: the gateway's document lacks modules " + snapshot.get("x-ipsc-missing-modules")
                    + ": is every service up? (./ipsc status)");
            System.exit(1);
        }
        write(snapshot, target);
        System.out.println("ipsc: wrote " + target.toAbsolutePath().normalize() + " from " + source);
    }

    /** The document with {@code servers} naming {@link #SNAPSHOT_SERVER} (each server's description kept). */
    public static JsonNode asSnapshot(JsonNode live) {
        ObjectNode document = live.deepCopy();
        ArrayNode servers = JSON.createArrayNode();
        JsonNode liveServers = document.path("servers");
        ObjectNode server = liveServers.isArray() && liveServers.size() > 0 && liveServers.get(0).isObject()
                ? (ObjectNode) liveServers.get(0).deepCopy() : JSON.createObjectNode();
        server.put("url", SNAPSHOT_SERVER);
        servers.add(server);
        // Put back in place, so that the key order stays the gateway's.
        ObjectNode ordered = JSON.createObjectNode();
        boolean placed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("servers")) {
                ordered.set("servers", servers);
                placed = true;
            } else {
                ordered.set(field.getKey(), field.getValue());
            }
        }
        if (!placed) {
            ordered.set("servers", servers);
        }
        return ordered;
    }

    public static void write(JsonNode document, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, print(document), StandardCharsets.UTF_8);
    }

    /** Two-space indentation, {@code "key": value}, {@code []} and {@code {}} when empty, non-ASCII escaped, no final newline. */
    public static String print(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, out, "");
        return out.toString();
    }

    private static void print(JsonNode node, StringBuilder out, String indent) {
        String inner = indent + "  ";
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(inner).append(quote(field.getKey())).append(": ");
                print(field.getValue(), out, inner);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                print(node.get(i), out, inner);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (node.isTextual()) {
            out.append(quote(node.textValue()));
        } else {
            out.append(node.toString());
        }
    }

    private static String quote(String text) {
        String quoted;
        try {
            quoted = JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder ascii = new StringBuilder(quoted.length());
        quoted.chars().forEach(c -> {
            if (c > 0x7e) {
                ascii.append(String.format("\\u%04x", c));
            } else {
                ascii.append((char) c);
            }
        });
        return ascii.toString();
    }
}
