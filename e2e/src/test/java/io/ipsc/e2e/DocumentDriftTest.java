package io.ipsc.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DocumentDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyTheServersDifferingIsNoDrift() throws Exception {
        assertEquals(List.of(), DocumentDrift.between(
                JSON.readTree("{\"servers\": [{\"url\": \"http://localhost:8000\"}], \"paths\": {}}"),
                JSON.readTree("{\"servers\": [{\"url\": \"http://127.0.0.1:40111\"}], \"paths\": {}}")));
    }

    @Test
    void operationsAndSchemasThatDifferAreNamed() throws Exception {
        String committed = """
                {"paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {}}}},
                           "/b": {"get": {"operationId": "getB"}}},
                 "components": {"schemas": {"A": {"type": "object"}, "B": {"properties": {"firstName": {}, "id": {}}}, "Gone": {}}}}""";
        String live = """
                {"paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {}, "404": {}}},
                                  "post": {"operationId": "postA"}}},
                 "components": {"schemas": {"A": {"type": "string"}, "B": {"properties": {"first_name": {}, "id": {}}}}}}""";
        assertEquals(List.of(
                "~ GET /a (getA): responses changed",
                "+ POST /a (postA): only in the live document",
                "- GET /b (getB): only in the snapshot",
                "~ components.schemas.A changed",
                "~ components.schemas.B changed: -firstName +first_name",
                "- components.schemas.Gone: only in the snapshot"), DocumentDrift.between(JSON.readTree(committed), JSON.readTree(live)));
    }
}
