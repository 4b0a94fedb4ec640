package io.ipsc.web.workspace;

import java.util.List;

/**
 * One page of a workspace section as a table: its column headings and its rows, already written as
 * a person reads them (₹ and dates through {@code IndianFormats}), with the list's paging.
 */
public record SectionTable(String title, List<String> columns, List<List<String>> rows, int page, int totalPages, long totalItems) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages;
    }

    public int previous() {
        return page - 1;
    }

    public int next() {
        return page + 1;
    }
}
