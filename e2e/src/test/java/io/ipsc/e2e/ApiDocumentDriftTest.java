package io.ipsc.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.local.OpenApiSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The running gateway serves the document the client was generated from (api-client/openapi/ipsc-api.json):
 * a service that changes its API without the snapshot following breaks the build here, with the
 * operations that differ, before the walk trips over them. Runs first (alphabetical order): it creates nothing.
 */
@ExtendWith(SuiteExtension.class)
class ApiDocumentDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MOST_LINES = 40;

    @Test
    void theGatewayServesTheCommittedDocument(LocalSuite suite) throws Exception {
        Path repo = Path.of(System.getProperty("ipsc.repo", ".."));
        JsonNode committed = JSON.readTree(Files.readString(repo.resolve(OpenApiSnapshot.SNAPSHOT_PATH)));
        JsonNode live = JSON.readTree(Api.anonymous(suite.gatewayUrl()).get("/docs/openapi").then().statusCode(200)
                .extract().asString());
        List<String> drift = DocumentDrift.between(committed, live);
        if (drift.isEmpty()) {
            return;
        }
        Path written = repo.resolve("e2e/target/openapi/ipsc-api.json");
        OpenApiSnapshot.write(OpenApiSnapshot.asSnapshot(live), written);
        List<String> shown = drift.size() > MOST_LINES ? drift.subList(0, MOST_LINES) : drift;
        fail("The gateway's /docs/openapi differs from " + OpenApiSnapshot.SNAPSHOT_PATH + ", the document the client is built from ("
                + drift.size() + " differences; + only live, - only committed, ~ changed):\n  " + String.join("\n  ", shown)
                + (drift.size() > shown.size() ? "\n  ... and " + (drift.size() - shown.size()) + " more" : "")
                + "\nIf the change is meant: refresh the snapshot with ./ipsc up && ./ipsc openapi, or copy "
                + written.toAbsolutePath().normalize() + " (written now) to " + OpenApiSnapshot.SNAPSHOT_PATH
                + ", and review the diff.");
    }

    @AfterAll
    static void answersMatchTheDocument() {
        OpenApiAnswers.snapshot().assertNone();
    }
}
