package io.ipsc.local;

import org.postgresql.ds.PGSimpleDataSource;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;

/** Where a PostgreSQL server listens and whom to connect as. */
public record PostgresAddress(String host, int port, String user, String password) {

    public static final int DEFAULT_PORT = 5432;

    /**
     * Reads {@code postgresql://user:password@host:port} (a trailing {@code /database} is ignored:
     * the suite picks its own databases). User and password may be percent-encoded.
     */
    public static PostgresAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // getMessage() repeats the input, password included; the reason alone does not.
            throw new IllegalArgumentException(invalid(e.getReason()));
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
            throw new IllegalArgumentException(invalid("it must start with postgresql://"));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(invalid("no host"));
        }
        String userInfo = uri.getUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException(invalid("no user"));
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new PostgresAddress(uri.getHost(), port, user, password);
    }

    private static String invalid(String why) {
        // The URL may hold a password: never echo it back.
        return "IPSC_PG_URL is not of the form postgresql://user:password@host:port (" + why + ")";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Connects through the driver's DataSource rather than DriverManager, which refuses drivers
     * registered by another class loader (as under Quarkus's test class loaders).
     */
    public Connection connect(String database) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {host});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(user);
        source.setPassword(password);
        return source.getConnection();
    }

    /** A psql command line for a person to paste; the password stays out of it. */
    public String psqlCommand(String database) {
        return "psql -h " + host + " -p " + port + " -U " + user + " " + database;
    }

    public String display() {
        return host + ":" + port + " (user " + user + ")";
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "PostgresAddress[" + display() + "]";
    }
}
