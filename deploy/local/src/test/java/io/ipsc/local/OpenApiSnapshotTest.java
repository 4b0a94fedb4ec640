package io.ipsc.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenApiSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A refresh of an unchanged API rewrites the committed snapshot byte for byte: git shows no change. */
    @Test
    void theCommittedSnapshotPrintsBackToItself() throws Exception {
        String committed = Files.readString(Path.of("../..").resolve(OpenApiSnapshot.SNAPSHOT_PATH));
        assertEquals(committed, OpenApiSnapshot.print(OpenApiSnapshot.asSnapshot(JSON.readTree(committed))));
    }

    @Test
    void theLiveAddressIsReplacedInPlaceAndTheOrderKept() throws Exception {
        JsonNode live = JSON.readTree("""
                {"openapi": "3.1.0", "servers": [{"url": "http://127.0.0.1:41234", "description": "The IPSC gateway"}],
                 "paths": {"/b": {}, "/a": {"get": {"tags": [], "summary": "caf\u00e9"}}}}""");
        String printed = OpenApiSnapshot.print(OpenApiSnapshot.asSnapshot(live));
        assertEquals(String.join("\n", List.of(
                "{",
                "  \"openapi\": \"3.1.0\",",
                "  \"servers\": [",
                "    {",
                "      \"url\": \"http://localhost:8000\",",
                "      \"description\": \"The IPSC gateway\"",
                "    }",
                "  ],",
                "  \"paths\": {",
                "    \"/b\": {},",
                "    \"/a\": {",
                "      \"get\": {",
                "        \"tags\": [],",
                "        \"summary\": \"caf\\u00e9\"",
                "      }",
                "    }",
                "  }",
                "}")), printed);
    }
}
