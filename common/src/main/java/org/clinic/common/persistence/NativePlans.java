package org.clinic.common.persistence;

import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native selects whose plan Hibernate makes for the call at hand instead of caching it (issue 25).
 *
 * <p>Hibernate Reactive 3.2 keys a native select's cached plan by a result-set mapping wrapper that equals no other
 * instance, so every call of the same SQL added one more entry under the same hash: each lookup then walked them all
 * (11 % of doctors-service's CPU per profiled check-in) and they crowded the HQL plans out of the bounded cache.
 * Hibernate never caches the plan of a native query with a multi-valued parameter, so binding one parameter as a
 * one-element list (rendered {@code (?)}, valid wherever a value is) keeps the statement out of the cache. A native
 * statement's parameters are parsed once per SQL string all the same (a separate cache keyed by the string).
 * {@code QueryPlanReuseTest} fails when a statement on the tested paths is planned again.
 */
public final class NativePlans {

    private NativePlans() {}

    /** Binds {@code value} to {@code name} so the query's plan is made for this call only. */
    public static <R> Mutiny.SelectionQuery<R> bindUncached(Mutiny.SelectionQuery<R> query, String name, Object value) {
        return query.setParameter(name, List.of(value));
    }
}
