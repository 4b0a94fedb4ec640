package io.ipsc.web.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of a list as the API gave it, at the list's address {@code at}, with what was searched: the rows,
 * and the links to the pages before and after (keeping the search; the {@code pager} tag shows them).
 */
public record Listing<T>(List<T> items, String at, String search, int page, int totalPages, long totalItems) {

    public static <T> Listing<T> of(List<T> items, String at, String search, int page, Integer totalPages, Long totalItems) {
        return new Listing<>(items == null ? List.of() : items, at, search == null ? "" : search.trim(), page,
                totalPages == null ? 1 : Math.max(1, totalPages), totalItems == null ? 0 : totalItems);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages;
    }

    /** The address of page {@code p}: {@code <at>?search=..&page=p}. */
    public String address(int p) {
        return at + "?" + (search.isEmpty() ? "" : "search=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&") + "page=" + p;
    }

    public String previous() {
        return address(page - 1);
    }

    public String next() {
        return address(page + 1);
    }
}
