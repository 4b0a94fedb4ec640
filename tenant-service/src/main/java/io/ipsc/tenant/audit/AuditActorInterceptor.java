package io.ipsc.tenant.audit;

import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.Optional;

/**
 * Names the acting user to the platform database's audit trigger: inside every {@code @WithTransaction}
 * (this interceptor runs after Panache's, so within its transaction) the request's caller is set as the
 * transaction-local {@code ipsc.actor} before the method's work. Outside a request the rows say {@code system}:
 * with the Kafka record that caused the work when there is one ({@link AuditCause}, the provisioning-report
 * consumer), without one for the scheduler.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 100)
public class AuditActorInterceptor {

    @Inject
    CurrentCaller currentCaller;

    @AroundInvoke
    Object nameTheActor(InvocationContext context) throws Exception {
        Optional<Caller> caller = caller();
        Optional<String> actor = caller.isPresent()
                ? Optional.of(new JsonObject().put("user_id", caller.get().userId()).put("email", caller.get().email()).encode())
                : AuditCause.current();
        if (actor.isEmpty()) {
            return context.proceed();
        }
        return Panache.getSession()
                // executeUpdate, not getSingleResult: Hibernate caches a native select's plan under a key that no later
                // execution of the same statement equals (issue 19: 9 new plans a tenant, each lookup scanning them all);
                // a native update's plan is keyed by its text and found again.
                .chain(session -> session.createNativeQuery("SELECT set_config('ipsc.actor', ?1, true)")
                        .setParameter(1, actor.get()).executeUpdate())
                .chain(() -> proceed(context));
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext context) {
        try {
            return (Uni<Object>) context.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Optional<Caller> caller() {
        try {
            return currentCaller.get();
        } catch (ContextNotActiveException e) {
            return Optional.empty();
        }
    }
}
