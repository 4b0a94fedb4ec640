package io.ipsc.tenant.user;

import io.ipsc.tenant.config.TenantServiceConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Locale;

/**
 * Makes sure a platform admin exists from the first start (user 1): {@code IPSC_ADMIN_EMAIL} and
 * {@code IPSC_ADMIN_PASSWORD}, or a generated password written once to the log. Runs at startup on
 * the main thread, so plain JDBC is the simple and right tool.
 */
@ApplicationScoped
public class PlatformAdminBootstrap {

    private static final Logger LOG = Logger.getLogger(PlatformAdminBootstrap.class);

    void ensureAdmin(@Observes StartupEvent event, DataSource dataSource, TenantServiceConfig config) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE platform_admin LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            String password = config.admin().password().filter(p -> !p.isBlank()).orElse(null);
            boolean generated = password == null;
            if (generated) {
                byte[] raw = new byte[18];
                new SecureRandom().nextBytes(raw);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (email, full_name, password_hash, platform_admin) VALUES (?, 'Platform administrator', ?, TRUE) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, config.admin().email().trim().toLowerCase(Locale.ROOT));
                ps.setString(2, BcryptUtil.bcryptHash(password, config.passwordHashCost()));
                ps.executeUpdate();
            }
            if (generated) {
                LOG.warnf("Created platform admin %s with the generated password %s — set IPSC_ADMIN_PASSWORD to choose one",
                        config.admin().email(), password);
            } else {
                LOG.infof("Created platform admin %s", config.admin().email());
            }
        }
    }
}
