package io.ipsc.web.admin;

import io.ipsc.client.model.PageTenantView;

import java.util.List;

/** One page of the console's tenant list, as tenant-service paged it. */
public record TenantList(List<TenantSummary> rows, int page, int totalPages, long totalItems) {

    public static TenantList of(PageTenantView p) {
        List<TenantSummary> rows = p.getItems() == null ? List.of() : p.getItems().stream().map(TenantSummary::of).toList();
        return new TenantList(rows, p.getPage() == null ? 1 : p.getPage(), p.getTotalPages() == null ? 0 : p.getTotalPages(),
                p.getTotalItems() == null ? rows.size() : p.getTotalItems());
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
