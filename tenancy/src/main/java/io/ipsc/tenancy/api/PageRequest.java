package io.ipsc.tenancy.api;

import io.ipsc.tenancy.error.ApiException;

/**
 * {@code ?page=&size=} as every list endpoint reads them: pages count from 1, size defaults to 20
 * and is capped at 100 so that no request can ask for a whole table.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 1 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 1) {
            throw ApiException.badRequest("INVALID_PAGE", "page", "page must be 1 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest("INVALID_PAGE", "size", "size must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return (page - 1) * size;
    }
}
