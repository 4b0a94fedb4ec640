package io.ipsc.web.workspace;

import java.util.List;

/**
 * One page of a workspace section as a table: its column headings and its rows, already written as
 * a person reads them (₹ and dates through {@code IndianFormats}), with the list's paging. The figure columns (money,
 * quantities) are named so that the page sets them right-aligned in tabular digits, as a ledger reads.
 */
public record SectionTable(String title, List<String> columns, List<String> figureColumns, List<List<String>> rows, int page,
                           int totalPages, long totalItems) {

    /** Whether the column at this position holds figures. */
    public boolean figureAt(int index) {
        return index >= 0 && index < columns.size() && figureColumns.contains(columns.get(index));
    }

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
