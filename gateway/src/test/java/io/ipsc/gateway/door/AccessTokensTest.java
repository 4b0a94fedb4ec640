package io.ipsc.gateway.door;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.testsupport.JwksServer;
import io.ipsc.testsupport.TestTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's token check through smallrye-jwt's parser, with the settings tenancy gives every
 * service, against a JWKS served over HTTP as tenant-service serves it.
 */
class AccessTokensTest {

    private static final String EXPIRED = "The access token has expired; sign in again or refresh it";
    private static final String INVALID = "The access token is not valid";

    private static Vertx vertx;
    private static JwksServer jwks;
    private static RsaJsonWebKey current;
    private final java.util.List<Boolean> parsedOnWorker = new CopyOnWriteArrayList<>();
    private AccessTokens tokens;

    @BeforeAll
    static void serveKeys() throws Exception {
        vertx = Vertx.vertx();
        jwks = new JwksServer();
        current = JwksServer.newKey("key-1");
        jwks.serve(current);
    }

    @AfterAll
    static void stop() {
        jwks.close();
        vertx.close();
    }

    @BeforeEach
    void newGateway() {
        tokens = new AccessTokens(recording(new DefaultJWTParser(settings(jwks.url()))), vertx);
    }

    /** As tenancy's microprofile-config.properties sets them, but a key id not held refreshes at once (minutes in production). */
    static JWTAuthContextInfo settings(String jwksUrl) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwksUrl, "ipsc");
        info.setExpectedAudience(Set.of("ipsc-api"));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setClockSkew(30);
        info.setRequireNamedPrincipal(false);
        info.setForcedJwksRefreshInterval(0);
        return info;
    }

    @Test
    void aValidTokenProvesItsCaller() throws Exception {
        Caller caller = verify(token(current, c -> { }));
        assertEquals(1, caller.userId());
        assertEquals("admin@ipsc.test", caller.email());
        assertTrue(caller.platformAdmin());
        assertEquals(java.util.List.of(true), parsedOnWorker, "parsed once, on a worker thread, never on the event loop");
    }

    @Test
    void aTokenSeenBeforeIsAnsweredFromMemoryWithoutTheParser() throws Exception {
        String token = token(current, c -> { });
        verify(token);
        int fetches = jwks.requests();
        Future<Caller> again = tokens.verify(token);
        assertTrue(again.isComplete(), "answered in the same call");
        assertEquals(1, again.result().userId());
        assertEquals(1, parsedOnWorker.size(), "the parser ran once");
        assertEquals(fetches, jwks.requests());
    }

    @Test
    void anExpiredTokenIsToldToRefreshAndOneWithinTheSkewIsAccepted() throws Exception {
        refused(token(current, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        }), EXPIRED);
        Caller withinSkew = verify(token(current, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 900));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 10));
        }));
        assertEquals(1, withinSkew.userId());
    }

    @Test
    void anotherIssuerAudienceOrASubjectThatIsNoUserIsRefused() throws Exception {
        refused(token(current, c -> c.setIssuer("someone-else")), INVALID);
        refused(token(current, c -> c.setAudience("another-api")), INVALID);
        refused(token(current, c -> c.setSubject("not-a-number")), INVALID);
        refused("forged.token.here", INVALID);
    }

    @Test
    void hs256AndUnsignedTokensAreRefused() throws Exception {
        String claims = claimsOf(token(current, c -> { }));
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(claims);
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKeyIdHeaderValue(current.getKeyId());
        hmac.setKey(new HmacKey("a shared secret of at least 256 bits....".getBytes(StandardCharsets.UTF_8)));
        refused(hmac.getCompactSerialization(), INVALID);

        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + current.getKeyId() + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
        refused(none, INVALID);
    }

    @Test
    void aKeyTheJwksDoesNotHoldIsRefused() throws Exception {
        refused(token(JwksServer.newKey("stranger"), c -> { }), INVALID);
    }

    @Test
    void aTokenOfANewKeyIsAcceptedOnceTheJwksServesIt() throws Exception {
        RsaJsonWebKey rotated = JwksServer.newKey("key-2");
        String before = token(current, c -> { });
        String after = token(rotated, c -> { });
        assertEquals(1, verify(before).userId());
        refused(after, INVALID);

        jwks.serve(current, rotated);
        try {
            // jose4j reads a JWKS at most every 300 ms however often it is asked; production's floor is a minute.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> onEventLoop(after).succeeded());
            assertEquals(1, verify(after).userId(), "the unknown key id made the parser read the JWKS again");
            assertEquals(1, verify(token(current, c -> c.setGeneratedJwtId())).userId(), "the old key still verifies during the rotation");
        } finally {
            jwks.serve(current);
        }
    }

    private static String token(RsaJsonWebKey signer, Consumer<JwtClaims> change) {
        return TestTokens.adminTokenSignedBy(signer, change);
    }

    private static String claimsOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** Verifies as the gateway does: asked on the event loop. */
    private Future<Caller> onEventLoop(String token) throws Exception {
        CompletableFuture<Future<Caller>> asked = new CompletableFuture<>();
        vertx.runOnContext(v -> asked.complete(tokens.verify(token)));
        Future<Caller> answer = asked.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> done = new CompletableFuture<>();
        answer.onComplete(r -> done.complete(null));
        done.get(30, TimeUnit.SECONDS);
        return answer;
    }

    private Caller verify(String token) throws Exception {
        Future<Caller> answer = onEventLoop(token);
        if (answer.failed()) {
            throw new AssertionError("refused: " + answer.cause().getMessage(), answer.cause());
        }
        return answer.result();
    }

    private void refused(String token, String message) throws Exception {
        Future<Caller> answer = onEventLoop(token);
        assertTrue(answer.failed(), "refused");
        ApiException refusal = assertInstanceOf(ApiException.class, answer.cause());
        assertEquals(401, refusal.status());
        assertEquals("UNAUTHORIZED", refusal.code());
        assertEquals(message, refusal.getMessage());
        assertFalse(tokens.known(token).isPresent(), "a refused token is not remembered");
    }

    /** The parser, noting for each call whether it ran on a worker thread. */
    private JWTParser recording(JWTParser parser) {
        return (JWTParser) Proxy.newProxyInstance(JWTParser.class.getClassLoader(), new Class<?>[]{JWTParser.class}, (proxy, method, args) -> {
            parsedOnWorker.add(Context.isOnWorkerThread());
            try {
                return method.invoke(parser, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
