package io.ipsc.tenancy.db.cluster;

import java.util.Objects;

/** Where a database cluster answers and whom this service connects as; from this service's own configuration. */
public record ClusterAddress(String name, String host, int port, String user, String password) {

    public ClusterAddress {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("The host of database cluster " + name + " must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port of database cluster " + name + " must be between 1 and 65535, not " + port);
        }
    }

    /** Never the password: an address is logged. */
    @Override
    public String toString() {
        return name + " (" + user + "@" + host + ":" + port + ")";
    }
}
