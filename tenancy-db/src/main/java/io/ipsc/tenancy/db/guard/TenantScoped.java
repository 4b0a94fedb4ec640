package io.ipsc.tenancy.db.guard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class whose every endpoint serves one tenant's data: the {@link TenantRequestGuard}
 * resolves the tenant from {@code X-Tenant-ID}, checks the caller, and hands over that tenant's
 * database through {@link TenantContext}. Inherited: a resource that extends a tenant-scoped one (each module's
 * usage resource extends {@code ModuleUsageResource}) serves one tenant's data as its parent does.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TenantScoped {
}
