package io.ipsc.web.admin;

import io.ipsc.web.setup.OrganisationType;
import jakarta.ws.rs.QueryParam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/**
 * The console's tenant list as the address asks for it: {@code /admin?search=..&status=..&type=..&plan=..&page=..}.
 * A value the API would not know (typed into the address by hand) is dropped rather than refused, so
 * the list still shows, unfiltered by it.
 */
public class TenantQuery {

    public static final int PAGE_SIZE = 20;
    public static final List<String> STATUSES = List.of("provisioning", "active", "suspended", "deleted");
    public static final List<String> PLANS = List.of("free", "basic", "premium", "enterprise");
    /** As tenant-service accepts it (longer is refused there). */
    static final int MAX_SEARCH_LENGTH = 100;

    @QueryParam("search")
    String search;
    @QueryParam("status")
    String status;
    @QueryParam("type")
    String type;
    @QueryParam("plan")
    String plan;
    @QueryParam("page")
    Integer page;

    public String search() {
        if (search == null || search.isBlank()) {
            return null;
        }
        String trimmed = search.strip();
        return trimmed.length() > MAX_SEARCH_LENGTH ? trimmed.substring(0, MAX_SEARCH_LENGTH) : trimmed;
    }

    public String status() {
        return status != null && STATUSES.contains(status) ? status : null;
    }

    public String type() {
        return OrganisationType.ALL.stream().anyMatch(t -> t.value().equals(type)) ? type : null;
    }

    public String plan() {
        return plan != null && PLANS.contains(plan) ? plan : null;
    }

    public int page() {
        return page == null || page < 1 ? 1 : page;
    }

    public boolean filtered() {
        return search() != null || status() != null || type() != null || plan() != null;
    }

    /** This list's address at another page, its filters kept. */
    public String href(int otherPage) {
        StringJoiner query = new StringJoiner("&", "/admin?", "").setEmptyValue("/admin");
        add(query, "search", search());
        add(query, "status", status());
        add(query, "type", type());
        add(query, "plan", plan());
        if (otherPage > 1) {
            query.add("page=" + otherPage);
        }
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
