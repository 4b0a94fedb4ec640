package io.ipsc.tenant;

import io.ipsc.tenant.auth.SigningKeys;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.security.Key;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class AuthResourceTest {

    @Inject
    SigningKeys keys;

    @Test
    void signsInAndTheTokenWorks() {
        given().contentType("application/json").body(Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200)
                .body("data.token_type", is("Bearer"))
                .body("data.expires_in", is(900))
                .body("data.refresh_token", notNullValue())
                .body("data.user.platform_admin", is(true));
        Api.as(Api.adminToken()).get("/api/users/me").then().statusCode(200).body("data.email", is(Api.ADMIN_EMAIL));
    }

    @Test
    void wrongPasswordIs401AndRepeatedFailuresLockTheAccount() {
        String admin = Api.adminToken();
        String email = Api.slug("locked") + "@example.com";
        Api.createUser(admin, email);
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("email", email, "password", "wrong-password-" + i))
                    .post("/api/auth/login").then().statusCode(401).body("error.code", is("INVALID_CREDENTIALS"));
        }
        // Locked now, even with the right password.
        given().contentType("application/json").body(Map.of("email", email, "password", "a-long-password-1"))
                .post("/api/auth/login").then().statusCode(429).body("error.code", is("ACCOUNT_LOCKED"))
                .header("Retry-After", notNullValue());
        given().contentType("application/json").body(Map.of("email", "nobody@example.com", "password", "whatever-password"))
                .post("/api/auth/login").then().statusCode(401).body("error.code", is("INVALID_CREDENTIALS"));
        given().contentType("application/json").body(Map.of("email", "x@example.com"))
                .post("/api/auth/login").then().statusCode(400);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        String refresh = given().contentType("application/json").body(Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("data.refresh_token");
        String next = given().contentType("application/json").body(Map.of("refresh_token", refresh))
                .post("/api/auth/refresh").then().statusCode(200)
                .body("data.access_token", notNullValue())
                .extract().path("data.refresh_token");
        given().contentType("application/json").body(Map.of("refresh_token", refresh))
                .post("/api/auth/refresh").then().statusCode(401).body("error.code", is("INVALID_REFRESH_TOKEN"));
        given().contentType("application/json").body(Map.of("refresh_token", next))
                .post("/api/auth/refresh").then().statusCode(200);
        given().contentType("application/json").body(Map.of("refresh_token", "made-up"))
                .post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void expiredForgedAndUnsignedTokensAre401() throws Exception {
        // Signed with the real key but expired.
        String expired = sign(claims(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600)),
                keys.current().getPrivateKey(), keys.current().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
        given().header("Authorization", "Bearer " + expired).get("/api/tenants").then().statusCode(401)
                .body("message", containsString("expired"));

        // Same key id, another key: a forgery.
        RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
        String forged = sign(claims(null), other.getPrivateKey(), keys.current().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
        given().header("Authorization", "Bearer " + forged).get("/api/tenants").then().statusCode(401);

        // alg "none": no signature at all.
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims(null).toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        none.setKeyIdHeaderValue(keys.current().getKeyId());
        given().header("Authorization", "Bearer " + none.getCompactSerialization()).get("/api/tenants").then().statusCode(401);

        // A good signature for the wrong audience.
        JwtClaims wrongAudience = claims(null);
        wrongAudience.setAudience("someone-else");
        String foreign = sign(wrongAudience, keys.current().getPrivateKey(), keys.current().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
        given().header("Authorization", "Bearer " + foreign).get("/api/tenants").then().statusCode(401);

        // And the control: the same claims, valid, are accepted.
        String valid = sign(claims(null), keys.current().getPrivateKey(), keys.current().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
        given().header("Authorization", "Bearer " + valid).get("/api/tenants").then().statusCode(200);
    }

    private static JwtClaims claims(NumericDate expiry) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("ipsc");
        claims.setAudience("ipsc-api");
        claims.setSubject("1");
        claims.setClaim("upn", Api.ADMIN_EMAIL);
        claims.setStringListClaim("groups", List.of("platform_admin"));
        if (expiry == null) {
            claims.setExpirationTimeMinutesInTheFuture(5);
        } else {
            claims.setExpirationTime(expiry);
        }
        return claims;
    }

    private static String sign(JwtClaims claims, Key key, String kid, String alg) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(alg);
        return jws.getCompactSerialization();
    }
}
