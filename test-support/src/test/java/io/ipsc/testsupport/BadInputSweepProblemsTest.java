package io.ipsc.testsupport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep's judgement of one answer: it must catch what breaks the contract, and only that. */
class BadInputSweepProblemsTest {

    private static final String ENVELOPE = "{\"success\":false,\"message\":\"Field 'price' has an invalid value\","
            + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"error\":{\"code\":\"INVALID_FIELD\",\"details\":[]}}";

    @Test
    void anEnvelopedClientErrorAndAnySuccessPass() {
        assertEquals(0, BadInputSweep.problems(400, ENVELOPE).size());
        assertEquals(0, BadInputSweep.problems(201, "{\"success\":true}").size());
    }

    @Test
    void serverErrorsBareBodiesBadCodesAndStackTracesAreCaught() {
        assertTrue(BadInputSweep.problems(500, ENVELOPE).contains("server error for bad input"));
        assertTrue(BadInputSweep.problems(413, "").contains("error body is not the JSON envelope"));
        assertTrue(BadInputSweep.problems(400, ENVELOPE.replace("INVALID_FIELD", "invalid-field")).get(0).startsWith("error.code"));
        assertTrue(BadInputSweep.problems(400, ENVELOPE.replace("\"success\":false", "\"success\":true"))
                .contains("envelope lacks success: false"));
        assertTrue(BadInputSweep.problems(400, ENVELOPE.replace("Field 'price' has an invalid value", ""))
                .contains("envelope has no message"));
        assertTrue(BadInputSweep.problems(400, ENVELOPE.replace("invalid value", "NumberFormatException at io.ipsc.X"))
                .stream().anyMatch(p -> p.startsWith("body shows internals")));
    }
}
