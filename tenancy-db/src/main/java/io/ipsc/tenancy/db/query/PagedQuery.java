package io.ipsc.tenancy.db.query;

import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One page of a list endpoint: the page's rows, and their total counted only when the page cannot
 * tell it. A page with fewer rows than asked for is the last one, so the total is its offset plus
 * its rows; most lists of a small organisation fit on their first page, where the {@code count(*)}
 * that every list used to run after its page was a second statement for a figure already known.
 */
public final class PagedQuery {

    private PagedQuery() {
    }

    /**
     * @param rows  the page's statement (with the request's LIMIT and OFFSET)
     * @param count the total's statement, run only when needed; its first column is the count
     */
    public static <T> Uni<Page<T>> fetch(PageRequest page, Supplier<Uni<RowSet<Row>>> rows, Function<Row, T> mapper,
                                         Supplier<Uni<RowSet<Row>>> count) {
        return rows.get().chain(found -> {
            List<T> items = new ArrayList<>(found.size());
            found.forEach(row -> items.add(mapper.apply(row)));
            Long known = knownTotal(page, items.size());
            if (known != null) {
                return Uni.createFrom().item(Page.of(items, page, known));
            }
            return count.get().map(total -> Page.of(items, page, total.iterator().next().getLong(0)));
        });
    }

    /**
     * The total that a page of {@code rowsOnPage} rows proves, or {@code null} when only a count can
     * tell: a full page may have more after it, and an empty page past the first may be past the end.
     */
    static Long knownTotal(PageRequest page, int rowsOnPage) {
        if (rowsOnPage > 0 && rowsOnPage < page.size()) {
            return (long) page.offset() + rowsOnPage;
        }
        if (rowsOnPage == 0 && page.page() == 1) {
            return 0L;
        }
        return null;
    }
}
