package io.ipsc.tenant.auth;

import io.ipsc.tenant.config.TenantServiceConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.JsonWebKey;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Optional;

/**
 * The RS256 key that signs access tokens. Taken from configuration (a Kubernetes secret) when given;
 * otherwise generated at first start and kept in the platform database, so that every replica and
 * every restart signs with the same key and issued tokens stay valid.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final DataSource dataSource;
    private final TenantServiceConfig config;
    private RsaJsonWebKey signingKey;

    public SigningKeys(DataSource dataSource, TenantServiceConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @PostConstruct
    void load() {
        try {
            Optional<String> configured = config.jwt().privateKey()
                    .or(() -> config.jwt().privateKeyFile().map(SigningKeys::readFile));
            KeyPair pair = configured.isPresent() ? fromPem(configured.get()) : loadOrGenerate();
            signingKey = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
            signingKey.setPrivateKey(pair.getPrivate());
            signingKey.setKeyId(signingKey.calculateBase64urlEncodedThumbprint("SHA-256").substring(0, 16));
            signingKey.setAlgorithm("RS256");
            signingKey.setUse("sig");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load or create the token signing key", e);
        }
    }

    public RsaJsonWebKey current() {
        return signingKey;
    }

    /** The public half as JWKS JSON, for {@code /.well-known/jwks.json}. */
    public String jwksJson() {
        return "{\"keys\":[" + signingKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    }

    private KeyPair loadOrGenerate() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Optional<KeyPair> stored = readStored(c);
            if (stored.isPresent()) {
                return stored.get();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO signing_keys (kid, private_pem, public_pem) VALUES ('primary', ?, ?) ON CONFLICT (kid) DO NOTHING")) {
                ps.setString(1, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                ps.setString(2, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                ps.executeUpdate();
            }
            LOG.info("Generated a new token signing key and stored it in the platform database");
            // Another replica may have won the race: whatever is stored now is the key.
            return readStored(c).orElse(pair);
        }
    }

    private static Optional<KeyPair> readStored(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT private_pem, public_pem FROM signing_keys WHERE kid = 'primary'");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(rs.getString(1))));
            PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(der(rs.getString(2))));
            return Optional.of(new KeyPair(pub, priv));
        }
    }

    private static KeyPair fromPem(String privatePem) throws Exception {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        PublicKey pub = rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
        return new KeyPair(pub, priv);
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the signing key file " + path, e);
        }
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
