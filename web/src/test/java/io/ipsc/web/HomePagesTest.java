package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

/**
 * The start page lists the user's organisations by the name a person knows them by (the tenant as the gateway answers
 * it), linked by slug, with the role. The stand-in is the clinic settings' one: it answers for smile-dental.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicSettingsStubGateway.class, restrictToAnnotatedClass = true)
class HomePagesTest {

    @Test
    void theStartPageNamesTheOrganisationNotItsSlug() {
        Browserless member = new Browserless();
        member.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        member.get("/").then().statusCode(200)
                .body(containsString("<li><a href=\"/t/smile-dental/\">Smile Dental Clinic</a> <span class=\"role\">viewer</span></li>"));
    }
}
