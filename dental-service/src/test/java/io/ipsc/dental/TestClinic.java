package io.ipsc.dental;

import io.ipsc.tenancy.TenantSlug;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A provisioned dental tenant for the API tests, and requests made as one of its members. */
public record TestClinic(String slug) {

    public static final long ADMIN = 8001;
    public static final long DENTIST = 8002;
    public static final long SECOND_DENTIST = 8003;
    public static final long VIEWER = 8004;

    /** Publishes a new dental clinic with the usual members (and {@code extraAdmins}) and waits until dental serves it. */
    public static TestClinic provision(TenantEventsPublisher events, String prefix, long... extraAdmins) {
        return publish(events, snapshot(prefix, extraAdmins));
    }

    /** A new dental clinic's snapshot with the usual members (and {@code extraAdmins}), to adjust before publishing. */
    public static Snapshot snapshot(String prefix, long... extraAdmins) {
        Snapshot snapshot = TenantEventsPublisher.snapshot(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "dental_clinic")
                .member(ADMIN, "admin").member(DENTIST, "staff").member(SECOND_DENTIST, "staff").member(VIEWER, "viewer");
        for (long admin : extraAdmins) {
            snapshot.member(admin, "admin");
        }
        return snapshot;
    }

    /** Publishes {@code snapshot} and waits until dental has acted on it. */
    public static TestClinic publish(TenantEventsPublisher events, Snapshot snapshot) {
        events.publish(snapshot);
        TenantEventsPublisher.awaitReport(snapshot.slug(), "dental", "PROVISIONED", snapshot.version(), Duration.ofSeconds(60));
        return new TestClinic(snapshot.slug());
    }

    public RequestSpecification as(long userId) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(userId, Map.of()))
                .header("X-Tenant-ID", slug)
                .contentType(ContentType.JSON);
    }

    public RequestSpecification asAdmin() {
        return as(ADMIN);
    }

    public RequestSpecification asPlatformAdmin() {
        return given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin())
                .header("X-Tenant-ID", slug)
                .contentType(ContentType.JSON);
    }

    /** This clinic's database here, for checks that look past the API. */
    public String database() {
        return TenantSlug.databaseName("tenant_", slug, "dental");
    }

    /** The first column of the first row {@code sql} finds in this clinic's database, as text (null for none). */
    public String scalar(String sql) {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database()), "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code sql} (a change) on this clinic's database, for settings the API has no endpoint for. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database()), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long createPatient(String first, String last) {
        return asAdmin().body(Map.of("first_name", first, "last_name", last, "phone", "+91-98765" + (10000 + Math.abs(last.hashCode() % 89999))))
                .post("/api/patients").then().statusCode(201).extract().jsonPath().getLong("data.id");
    }
}
