package io.ipsc.web.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** getSecurityMetrics as the console shows it: what was refused concerning the tenant, and the latest events. */
public record SecurityView(int windowHours, List<Count> counts, List<Event> events) {

    private static final Map<String, String> LABELS = Map.of(
            "failed_logins", "Failed sign-ins",
            "cross_tenant_refused", "Cross-tenant attempts refused",
            "role_refused", "Refused for the role",
            "feature_refused", "Refused for a disabled feature",
            "rate_limited", "Rate-limited requests");

    public record Count(String label, String value, boolean nonZero) {
    }

    public record Event(String kind, String service, String caller, String route, String detail, String occurrences,
                        OffsetDateTime occurredAt) {
    }

    static SecurityView of(JsonNode data) {
        List<Count> counts = new ArrayList<>();
        data.path("counts").fields().forEachRemaining(e -> counts.add(new Count(LABELS.getOrDefault(e.getKey(), e.getKey()),
                Figures.count(e.getValue()), e.getValue().asLong() > 0)));
        List<Event> events = new ArrayList<>();
        for (JsonNode e : data.path("latest_events")) {
            events.add(new Event(Figures.text(e.path("kind")), Figures.text(e.path("service")), Figures.text(e.path("caller")),
                    Figures.text(e.path("route")), Figures.text(e.path("detail")), Figures.count(e.path("occurrences")),
                    Figures.moment(e.path("occurred_at"))));
        }
        return new SecurityView(data.path("window_hours").asInt(24), counts, events);
    }
}
