package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.TenantSlug;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.OrganizationType;
import io.ipsc.tenancy.event.TenantEventType;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenancy.india.IndianState;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenant.cluster.ClusterService;
import io.ipsc.tenant.cluster.PlacementPolicy;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.tenant.outbox.TenantEvents;
import io.ipsc.tenant.support.Failures;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules of a tenant's life. Every change writes the tenant row and its lifecycle event in one
 * transaction; the relay publishes the event afterwards.
 */
@ApplicationScoped
public class TenantService {

    /** A result and the warnings the caller should see with it. */
    public record Outcome<T>(T value, List<String> warnings) {
    }

    private final TenantRepository tenants;
    private final TenantEvents events;
    private final OutboxRelay relay;
    private final TenantServiceConfig config;
    private final TenantValidator validator;
    private final ClusterService clusters;

    public TenantService(TenantRepository tenants, TenantEvents events, OutboxRelay relay, TenantServiceConfig config,
                         Validator constraints, ClusterService clusters) {
        this.tenants = tenants;
        this.clusters = clusters;
        this.events = events;
        this.relay = relay;
        this.config = config;
        this.validator = new TenantValidator(constraints, config.gstinStrict(), config.tenantDatabasePrefix());
    }

    public Uni<Outcome<Tenant>> create(TenantRequest request) {
        return create(request, t -> Uni.createFrom().voidItem());
    }

    /**
     * Creates the tenant and runs {@code alsoInTransaction} on it in the same transaction (self-service
     * sign-up makes its account and admin membership there, so that either all exist or none).
     */
    public Uni<Outcome<Tenant>> create(TenantRequest request, Function<Tenant, Uni<?>> alsoInTransaction) {
        TenantValidator.Result checked = validator.validateCreate(request);
        if (!checked.errors().isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(checked.errors()));
        }
        return createChecked(request, checked, alsoInTransaction)
                .onFailure().transform(ConstraintErrors.duplicate(() -> duplicateSlug(request.slug())))
                .invoke(relay::wakeUp)
                .map(t -> new Outcome<>(t, checked.warnings()));
    }

    /** The checks {@link #create} makes, without creating. */
    public TenantValidator.Result checkCreate(TenantRequest request) {
        return validator.validateCreate(request);
    }

    /** The create checks on the fields of a form being filled in (none required yet). */
    public TenantValidator.Result checkDraft(TenantRequest request) {
        return validator.validateDraft(request);
    }

    /** Whether a tenant, deleted ones included, holds the slug already. */
    @WithSession
    public Uni<Boolean> slugTaken(String slug) {
        return tenants.findBySlug(slug).map(t -> t != null);
    }

    @WithTransaction
    Uni<Tenant> createChecked(TenantRequest r, TenantValidator.Result checked, Function<Tenant, Uni<?>> alsoInTransaction) {
        return tenants.creationCheck(r.slug()).map(check -> {
            if (check.tenants() >= config.maxTenantsPerInstance()) {
                throw new ApiException(429, "MAX_TENANTS_REACHED",
                        "This instance already holds " + check.tenants() + " tenants (MAX_TENANTS_PER_INSTANCE="
                                + config.maxTenantsPerInstance() + "); raise the limit or use another instance");
            }
            if (check.slugTaken()) {
                throw duplicateSlug(r.slug());
            }
            // Committed counts, no lock, so that creations run side by side; concurrent creations may all choose the
            // same cluster, and the transaction's last step (ClusterService.confirmPlacement) settles its last places.
            return PlacementPolicy.place(check.clusters(), r.cluster());
        }).flatMap(cluster -> {
            Tenant t = new Tenant();
            t.cluster = cluster;
            OrganizationType type = OrganizationType.parse(r.organizationType()).orElseThrow();
            t.slug = r.slug();
            t.organizationType = type.wireName();
            t.status = TenantStatus.PROVISIONING.wireName();
            t.features = Features.defaultsFor(type);
            SubscriptionPlan plan = r.subscriptionPlan() == null ? SubscriptionPlan.DEFAULT : SubscriptionPlan.parse(r.subscriptionPlan()).orElseThrow();
            applyPlan(t, plan, r.maxUsers(), r.maxProducts(), r.maxTransactionsPerMonth());
            t.country = "India";
            applyProfile(t, r, checked);
            if (r.features() != null) {
                t.features.putAll(r.features());
            }
            t.createdAt = Timestamps.now();
            t.updatedAt = t.createdAt;
            return tenants.persistAndFlush(t).flatMap(saved -> events.recordCreated(saved))
                    .flatMap(recorded -> alsoInTransaction.apply(t))
                    .flatMap(done -> clusters.confirmPlacement(t.cluster, r.cluster())).replaceWith(t);
        });
    }

    @WithSession
    public Uni<Page<Tenant>> list(Caller caller, TenantFilter filter, PageRequest page) {
        Long memberOf = caller.platformAdmin() ? null : caller.userId();
        return tenants.search(filter, memberOf, page)
                .flatMap(items -> tenants.countSearch(filter, memberOf).map(total -> Page.of(items, page, total)));
    }

    public Uni<Outcome<Tenant>> update(Tenant current, TenantRequest r, boolean mayChangePlan) {
        if (!mayChangePlan && (r.subscriptionPlan() != null || r.maxUsers() != null || r.maxProducts() != null
                || r.maxTransactionsPerMonth() != null)) {
            return Uni.createFrom().failure(ApiException.forbidden("FORBIDDEN",
                    "Only platform administrators may change the subscription plan or its limits"));
        }
        TenantValidator.Result checked = validator.validateUpdate(r, current);
        if (!checked.errors().isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(checked.errors()));
        }
        return change(current.slug, TenantEventType.TENANT_UPDATED, t -> {
            applyProfile(t, r, checked);
            if (r.organizationType() != null) {
                t.organizationType = OrganizationType.parse(r.organizationType()).orElseThrow().wireName();
            }
            if (r.subscriptionPlan() != null || r.maxUsers() != null || r.maxProducts() != null || r.maxTransactionsPerMonth() != null) {
                SubscriptionPlan plan = SubscriptionPlan.parse(r.subscriptionPlan() != null ? r.subscriptionPlan() : t.subscriptionPlan).orElseThrow();
                boolean planChanged = r.subscriptionPlan() != null && !plan.wireName().equals(t.subscriptionPlan);
                applyPlan(t, plan,
                        r.maxUsers() != null ? r.maxUsers() : planChanged ? null : t.maxUsers,
                        r.maxProducts() != null ? r.maxProducts() : planChanged ? null : t.maxProducts,
                        r.maxTransactionsPerMonth() != null ? r.maxTransactionsPerMonth() : planChanged ? null : t.maxTransactionsPerMonth);
            }
            if (r.features() != null) {
                t.features.putAll(r.features());
            }
        }).map(t -> new Outcome<>(t, checked.warnings()));
    }

    public Uni<Tenant> updateFeatures(Tenant current, Map<String, Boolean> features) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (features == null || features.isEmpty()) {
            errors.add(new ErrorDetail(null, "send at least one feature toggle, e.g. {\"inventory_management\": true}"));
        } else {
            TenantValidator.validateFeatures(errors, features);
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        return change(current.slug, TenantEventType.TENANT_UPDATED, t -> {
            Map<String, Boolean> merged = new LinkedHashMap<>(t.features);
            merged.putAll(features);
            t.features = merged;
        });
    }

    public Uni<Tenant> updateSubscription(Tenant current, SubscriptionRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r.plan() != null && SubscriptionPlan.parse(r.plan()).isEmpty()) {
            errors.add(new ErrorDetail("plan", "plan must be one of free, basic, premium, enterprise"));
        }
        if (r.plan() == null && r.maxUsers() == null && r.maxProducts() == null && r.maxTransactionsPerMonth() == null) {
            errors.add(new ErrorDetail("plan", "send a plan or at least one limit"));
        }
        checkLimit(errors, "max_users", r.maxUsers());
        checkLimit(errors, "max_products", r.maxProducts());
        checkLimit(errors, "max_transactions_per_month", r.maxTransactionsPerMonth());
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        return change(current.slug, TenantEventType.TENANT_UPDATED, t -> {
            SubscriptionPlan plan = SubscriptionPlan.parse(r.plan() != null ? r.plan() : t.subscriptionPlan).orElseThrow();
            boolean planChanged = !plan.wireName().equals(t.subscriptionPlan);
            applyPlan(t, plan,
                    r.maxUsers() != null ? r.maxUsers() : planChanged ? null : t.maxUsers,
                    r.maxProducts() != null ? r.maxProducts() : planChanged ? null : t.maxProducts,
                    r.maxTransactionsPerMonth() != null ? r.maxTransactionsPerMonth() : planChanged ? null : t.maxTransactionsPerMonth);
        });
    }

    public Uni<Tenant> suspend(Tenant current) {
        if (TenantStatus.SUSPENDED.wireName().equals(current.status)) {
            return Uni.createFrom().failure(ApiException.conflict("TENANT_ALREADY_SUSPENDED", "Tenant '" + current.slug + "' is already suspended"));
        }
        return change(current.slug, TenantEventType.TENANT_SUSPENDED, t -> t.status = TenantStatus.SUSPENDED.wireName());
    }

    public Uni<Tenant> reactivate(Tenant current) {
        if (!TenantStatus.SUSPENDED.wireName().equals(current.status)) {
            return Uni.createFrom().failure(ApiException.conflict("TENANT_NOT_SUSPENDED", "Tenant '" + current.slug + "' is not suspended"));
        }
        // Provisioning decides readiness: a tenant whose databases were never reported ready stays provisioning.
        return change(current.slug, TenantEventType.TENANT_REACTIVATED, t -> t.status = t.activatedAt == null
                ? TenantStatus.PROVISIONING.wireName() : TenantStatus.ACTIVE.wireName());
    }

    /** Records the current snapshot again (its version bumped), for services to converge to it once more. */
    public Uni<Tenant> republish(Tenant current) {
        return republish(current.slug);
    }

    /** As {@link #republish(Tenant)}, by slug (the topic reconciler knows only that). */
    public Uni<Tenant> republish(String slug) {
        return change(slug, TenantEventType.TENANT_UPDATED, t -> {
        });
    }

    /** Marks the tenant deleted and publishes the event; the services archive its data, nothing is dropped here. */
    public Uni<Tenant> delete(Tenant current) {
        return change(current.slug, TenantEventType.TENANT_DELETED, t -> {
            t.status = TenantStatus.DELETED.wireName();
            t.deletedAt = Timestamps.now();
        });
    }

    /** Loads the tenant fresh inside a transaction, applies {@code mutation}, records the event, commits, wakes the relay. */
    private Uni<Tenant> change(String slug, TenantEventType type, java.util.function.Consumer<Tenant> mutation) {
        return changeInTransaction(slug, type, mutation)
                .onFailure(Failures::isOptimisticLock).transform(e -> ApiException.conflict("CONCURRENT_UPDATE",
                        "Tenant '" + slug + "' was changed by another request at the same time; try again"))
                .invoke(relay::wakeUp);
    }

    @WithTransaction
    Uni<Tenant> changeInTransaction(String slug, TenantEventType type, java.util.function.Consumer<Tenant> mutation) {
        return tenants.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Tenant '" + slug + "'"))
                .flatMap(t -> {
                    mutation.accept(t);
                    t.updatedAt = Timestamps.now();
                    return tenants.flush().replaceWith(t);
                })
                .flatMap(t -> events.record(type, t).replaceWith(t));
    }

    /** The database names each service uses (or will use) for this tenant. */
    public Map<String, String> databaseNames(Tenant t) {
        Map<String, String> names = new LinkedHashMap<>();
        String prefix = config.tenantDatabasePrefix();
        names.put("invoicing", TenantSlug.databaseName(prefix, t.slug, "invoicing"));
        names.put("branding", TenantSlug.databaseName(prefix, t.slug, "branding"));
        if (Boolean.TRUE.equals(t.features.get(Features.DENTAL_MANAGEMENT))) {
            names.put("dental", TenantSlug.databaseName(prefix, t.slug, "dental"));
        }
        if (Boolean.TRUE.equals(t.features.get(Features.MANUFACTURING_MANAGEMENT))) {
            names.put("manufacturing", TenantSlug.databaseName(prefix, t.slug, "manufacturing"));
        }
        return names;
    }

    private static void applyProfile(Tenant t, TenantRequest r, TenantValidator.Result checked) {
        if (r.name() != null) {
            t.name = r.name().trim();
        }
        if (r.contactPerson() != null) {
            t.contactPerson = r.contactPerson().trim();
        }
        if (r.contactEmail() != null) {
            t.contactEmail = r.contactEmail().trim().toLowerCase(Locale.ROOT);
        }
        if (r.contactPhone() != null) {
            t.contactPhone = r.contactPhone().trim();
        }
        if (r.gstin() != null) {
            t.gstin = r.gstin().isBlank() ? null : r.gstin().trim().toUpperCase(Locale.ROOT);
        }
        t.gstinVerified = t.gstin != null && checked.gstinVerified();
        if (r.industry() != null) {
            t.industry = r.industry().trim();
        }
        if (r.size() != null) {
            t.size = r.size().trim().toLowerCase(Locale.ROOT);
        }
        if (r.addressLine1() != null) {
            t.addressLine1 = r.addressLine1().trim();
        }
        if (r.addressLine2() != null) {
            t.addressLine2 = r.addressLine2().trim();
        }
        if (r.city() != null) {
            t.city = r.city().trim();
        }
        if (r.state() != null) {
            t.state = IndianState.addressStateByName(r.state()).map(IndianState::displayName).orElse(r.state().trim());
        }
        if (r.pincode() != null) {
            t.pincode = r.pincode().replace(" ", "");
        }
        if (r.country() != null) {
            t.country = r.country().trim();
        }
    }

    private static void applyPlan(Tenant t, SubscriptionPlan plan, Integer maxUsers, Integer maxProducts, Integer maxTransactions) {
        t.subscriptionPlan = plan.wireName();
        t.maxUsers = maxUsers != null ? maxUsers : plan.maxUsers();
        t.maxProducts = maxProducts != null ? maxProducts : plan.maxProducts();
        t.maxTransactionsPerMonth = maxTransactions != null ? maxTransactions : plan.maxTransactionsPerMonth();
    }

    private static void checkLimit(List<ErrorDetail> errors, String field, Integer value) {
        if (value != null && (value < 1 || value > 10_000_000)) {
            errors.add(new ErrorDetail(field, field + " must be between 1 and 10000000"));
        }
    }

    private static ApiException duplicateSlug(String slug) {
        return ApiException.conflict("DUPLICATE_SLUG", "A tenant with slug '" + slug + "' already exists");
    }
}
