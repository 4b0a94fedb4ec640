package io.ipsc.tenant.signup;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;

import java.util.List;

/**
 * {@code POST /api/signup/check}: what tenant creation would say about the fields given, by field,
 * without creating anything. About other tenants it tells one thing only: whether the slug is free.
 *
 * @param valid         no problem in the fields given (fields not given are not judged)
 * @param slugAvailable whether no tenant, deleted ones included, holds the slug; null when no
 *                      well-formed slug was given
 * @param gstinState    the state a well-formed GSTIN is registered in ("27 Maharashtra"), else null
 * @param problems      what creation would refuse, by field
 * @param warnings      what creation would accept and warn about, by field (a GSTIN's check character, its state)
 */
public record TenantCheck(boolean valid, Boolean slugAvailable, String gstinState, List<ErrorDetail> problems, List<ErrorDetail> warnings) {
}
