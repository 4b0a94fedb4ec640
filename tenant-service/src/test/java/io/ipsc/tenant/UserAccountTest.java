package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ipsc.tenant.Api.as;
import static io.ipsc.tenant.AuthResourceTest.PASSWORD;
import static io.ipsc.tenant.AuthResourceTest.login;
import static io.ipsc.tenant.AuthResourceTest.refresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 14, item 3: a user's own password change, and a platform admin's deactivation. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class UserAccountTest {

    private static final String NEW_PASSWORD = "a-new-long-password-2";

    @Test
    void changingThePasswordEndsEverySessionAndOnlyTheNewPasswordSignsIn() {
        String email = Api.slug("change") + "@example.com";
        Api.createUser(Api.adminToken(), email);
        Response laptop = login(email, PASSWORD).then().statusCode(200).extract().response();
        String phone = login(email, PASSWORD).then().statusCode(200).extract().path("data.refresh_token");
        String access = laptop.path("data.access_token");

        changePassword(access, "not-the-password", NEW_PASSWORD).then().statusCode(403)
                .body("error.code", is("INVALID_CURRENT_PASSWORD"));
        changePassword(access, PASSWORD, "short").then().statusCode(422)
                .body("error.code", is("WEAK_PASSWORD"))
                .body("error.details[0].field", is("new_password"))
                .body("error.details[0].message", containsString("12"));
        changePassword(access, PASSWORD, PASSWORD).then().statusCode(422).body("error.code", is("WEAK_PASSWORD"));
        as(access).body(Map.of("new_password", NEW_PASSWORD)).post("/api/users/me/password").then().statusCode(400)
                .body("error.code", is("VALIDATION_ERROR")).body("error.details[0].field", is("current_password"));
        given().contentType("application/json").body(Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD))
                .post("/api/users/me/password").then().statusCode(401).body("error.code", is("UNAUTHORIZED"));

        changePassword(access, PASSWORD, NEW_PASSWORD).then().statusCode(200)
                .body("success", is(true)).body("data.sessions_ended", is(2));
        refresh(laptop.path("data.refresh_token")).then().statusCode(401).body("error.code", is("INVALID_REFRESH_TOKEN"));
        refresh(phone).then().statusCode(401).body("error.code", is("INVALID_REFRESH_TOKEN"));
        login(email, PASSWORD).then().statusCode(401).body("error.code", is("INVALID_CREDENTIALS"));
        login(email, NEW_PASSWORD).then().statusCode(200);
    }

    /** A stolen access token is no way around the lockout: wrong current passwords count as failed sign-ins. */
    @Test
    void wrongCurrentPasswordsCountTowardsTheLock() {
        String email = Api.slug("guess-current") + "@example.com";
        Api.createUser(Api.adminToken(), email);
        String access = Api.login(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            changePassword(access, "guess-number-" + i, NEW_PASSWORD).then().statusCode(403)
                    .body("error.code", is("INVALID_CURRENT_PASSWORD"));
        }
        changePassword(access, PASSWORD, NEW_PASSWORD).then().statusCode(429).body("error.code", is("ACCOUNT_LOCKED"));
        login(email, PASSWORD).then().statusCode(429).body("error.code", is("ACCOUNT_LOCKED"));
    }

    @Test
    void aDeactivatedUserCannotSignInOrRefreshAndOnlyTheRightPasswordLearnsWhy() {
        String admin = Api.adminToken();
        String email = Api.slug("leaver") + "@example.com";
        int id = Api.createUser(admin, email);
        String refresh = login(email, PASSWORD).then().statusCode(200).extract().path("data.refresh_token");

        as(admin).post("/api/users/" + id + "/deactivate").then().statusCode(200)
                .body("data.active", is(false)).body("data.email", is(email));
        refresh(refresh).then().statusCode(401).body("error.code", is("INVALID_REFRESH_TOKEN"));
        login(email, PASSWORD).then().statusCode(403).body("error.code", is("ACCOUNT_DEACTIVATED"));

        // A wrong password on a deactivated account answers exactly as an unknown e-mail does.
        Response wrong = login(email, "wrong-password-x");
        Response unknown = login(Api.slug("nobody") + "@example.com", "wrong-password-x");
        wrong.then().statusCode(401).body("error.code", is("INVALID_CREDENTIALS"));
        assertEquals(unknown.statusCode(), wrong.statusCode());
        assertEquals(unknown.jsonPath().getString("error.code"), wrong.jsonPath().getString("error.code"));
        assertEquals(unknown.jsonPath().getString("message"), wrong.jsonPath().getString("message"));

        as(admin).post("/api/users/" + id + "/reactivate").then().statusCode(200).body("data.active", is(true));
        String again = login(email, PASSWORD).then().statusCode(200).extract().path("data.refresh_token");
        refresh(again).then().statusCode(200);
        // The sessions ended by the deactivation stay ended.
        refresh(refresh).then().statusCode(401);
    }

    /** The deactivation check is also made at redemption, whatever happened to the families. */
    @Test
    void aTokenRedeemedWhileTheDeactivationCommitsIsRefusedNextTime() throws Exception {
        String admin = Api.adminToken();
        String email = Api.slug("racing-leaver") + "@example.com";
        int id = Api.createUser(admin, email);
        String refresh = login(email, PASSWORD).then().statusCode(200).extract().path("data.refresh_token");

        var answers = Burst.send(2, i -> i == 0 ? as(admin).post("/api/users/" + id + "/deactivate") : refresh(refresh));
        answers.get(0).then().statusCode(200);
        String next = answers.get(1).statusCode() == 200 ? answers.get(1).path("data.refresh_token") : refresh;
        refresh(next).then().statusCode(401).body("error.code", is("INVALID_REFRESH_TOKEN"));
        login(email, PASSWORD).then().statusCode(403).body("error.code", is("ACCOUNT_DEACTIVATED"));
    }

    @Test
    void onlyPlatformAdminsDeactivateAndNotThemselves() {
        String admin = Api.adminToken();
        String slug = Api.slug("deact");
        Api.createTenant(admin, slug);
        String tenantAdminEmail = Api.slug("tadmin") + "@example.com";
        String memberEmail = Api.slug("member") + "@example.com";
        int tenantAdmin = Api.createUser(admin, tenantAdminEmail);
        int member = Api.createUser(admin, memberEmail);
        as(admin).body(Map.of("user_id", tenantAdmin, "role", "admin")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        as(admin).body(Map.of("user_id", member, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(201);

        String tenantAdminToken = Api.login(tenantAdminEmail, PASSWORD);
        as(tenantAdminToken).post("/api/users/" + member + "/deactivate").then().statusCode(403).body("error.code", is("FORBIDDEN"));
        as(tenantAdminToken).post("/api/users/" + member + "/reactivate").then().statusCode(403).body("error.code", is("FORBIDDEN"));
        as(Api.login(memberEmail, PASSWORD)).post("/api/users/" + tenantAdmin + "/deactivate").then().statusCode(403)
                .body("error.code", is("FORBIDDEN"));
        given().post("/api/users/" + member + "/deactivate").then().statusCode(401).body("error.code", is("UNAUTHORIZED"));
        login(memberEmail, PASSWORD).then().statusCode(200);

        as(admin).post("/api/users/1/deactivate").then().statusCode(409).body("error.code", is("CANNOT_DEACTIVATE_SELF"));
        as(admin).post("/api/users/999999999/deactivate").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        as(admin).get("/api/users/me").then().statusCode(200).body("data.active", is(true));
    }

    private static Response changePassword(String accessToken, String current, String next) {
        return as(accessToken).body(Map.of("current_password", current, "new_password", next)).post("/api/users/me/password");
    }
}
