package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failed provisioning is shown with its reason; a platform admin's retry restarts it and the live view polls on. */
@QuarkusTest
@QuarkusTestResource(value = StubGateway.class, restrictToAnnotatedClass = true)
class ProvisioningRetryTest {

    private static final String PAGE = "/tenant-setup/" + StubGateway.FAILING;

    @Test
    void aFailureShowsItsReasonAndARetryOnlyToWhoMayRetry() {
        Browserless member = new Browserless();
        member.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        String seenByMember = member.get(PAGE).then().statusCode(200).extract().asString();
        assertTrue(seenByMember.contains("class=\"failed\" id=\"service-dental\"") && seenByMember.contains("disk full"), seenByMember);
        assertFalse(seenByMember.contains("retry-provisioning"), "no button a member cannot use");
        assertTrue(seenByMember.contains("The operator sees it and can retry"), seenByMember);

        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        String seenByAdmin = admin.get(PAGE).then().statusCode(200).extract().asString();
        assertTrue(seenByAdmin.contains("id=\"retry-provisioning\""), seenByAdmin);
        assertTrue(seenByAdmin.contains("hx-post=\"" + PAGE + "/retry\""), seenByAdmin);

        String afterRetry = admin.submit(PAGE, PAGE + "/retry", Map.of(), Map.of("HX-Request", "true"))
                .then().statusCode(200).extract().asString();
        assertTrue(afterRetry.contains("Every service was asked to try again."), afterRetry);
        assertTrue(afterRetry.contains("hx-get=\"" + PAGE + "/status\" hx-trigger=\"every 1s\""), "the live view goes on: " + afterRetry);
        assertTrue(afterRetry.contains("id=\"service-dental\"><span class=\"service\">dental</span> <span class=\"state\">PROVISIONING"), afterRetry);
        assertFalse(afterRetry.contains("retry-provisioning"), "nothing failed any more: " + afterRetry);
    }
}
