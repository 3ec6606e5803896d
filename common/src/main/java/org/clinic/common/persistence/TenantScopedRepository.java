package org.clinic.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clinic.common.error.NotFound;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.tenancy.TenantContext;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The only way feature code reaches a clinic's rows. Every finder, count, update and delete
 * adds {@code clinicId = <the request's clinic>} itself; there is no unscoped finder to
 * call by accident (the architecture test keeps feature code off the raw session).
 *
 * <p>Subclasses are {@code @Singleton} beans (constructor injection, no proxy needed).
 *
 * @param <E> a clinic-owned entity
 */
@NotTenantScoped("the scoping itself: every statement it builds carries the request's clinic")
public abstract class TenantScopedRepository<E extends ClinicOwned> {

    static final String CLINIC_PARAMETER = "clinicId";

    private final Class<E> type;
    private final String entity;
    protected final TenantContext tenant;

    protected TenantScopedRepository(Class<E> type, TenantContext tenant) {
        this.type = type;
        this.entity = type.getSimpleName();
        this.tenant = tenant;
    }

    /** The entity with this id in the caller's clinic, or null (another clinic's row is absent). */
    public Uni<E> findOwned(long id) {
        return findFirst(Where.of("id = :id", "id", id));
    }

    /** As {@link #findOwned}, but absent is a 404 with {@code message}. */
    public Uni<E> findOwnedOrThrow(long id, String message) {
        return findOwned(id).onItem().ifNull().failWith(() -> new NotFound(message));
    }

    /**
     * As {@link #findOwned}, its row locked for this transaction in the same statement ({@code FOR NO KEY UPDATE} on
     * PostgreSQL): a change waits for one in progress and then reads what it left; null when the clinic has none.
     */
    public Uni<E> lockOwned(long id) {
        return session()
                .chain(s -> query(s, "from " + entity, Where.of("id = :id", "id", id), null)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<E> findFirst(Where where) {
        return session()
                .chain(s ->
                        query(s, "from " + entity, where, null).setMaxResults(1).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Up to {@code limit} of the clinic's entities matching {@code where} with an id above {@code afterId}, by id: a
     * page of a walk through all of them that needs no offset (an export reads a resource this way, API.md §9).
     */
    public Uni<List<E>> after(long afterId, Where where, int limit) {
        return session().chain(s -> query(s, "from " + entity, where.and("id > :afterId", "afterId", afterId), "id")
                .setMaxResults(limit)
                .getResultList());
    }

    public Uni<List<E>> list(Where where, String orderBy) {
        return session().chain(s -> query(s, "from " + entity, where, orderBy).getResultList());
    }

    public Uni<Long> count(Where where) {
        long clinic = tenant.clinicId();
        return session().chain(s -> {
            var query = s.createSelectionQuery("select count(*) from " + entity + " where " + scoped(where), Long.class)
                    .setParameter(CLINIC_PARAMETER, clinic);
            where.parameters().forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    /** Counts, checks the page exists, then loads it: the list envelope's numbers in two queries. */
    public Uni<Page<E>> page(Where where, String orderBy, PageRequest request) {
        return page(where, orderBy, request, count(where));
    }

    /** A page whose total is known without counting the rows (a count the database keeps, e.g.). */
    protected Uni<Page<E>> page(Where where, String orderBy, PageRequest request, Uni<Long> counted) {
        return counted.chain(total -> {
            Page.requireExists(request, total);
            if (total == 0) {
                return Uni.createFrom().item(new Page<>(List.<E>of(), 0, request));
            }
            return session()
                    .chain(s -> query(s, "from " + entity, where, orderBy)
                            .setFirstResult(request.offset())
                            .setMaxResults(request.pageSize())
                            .getResultList())
                    .map(rows -> new Page<>(rows, total, request));
        });
    }

    /** Stores a new entity in the caller's clinic; a clinic set by anyone else is refused. */
    public Uni<E> persist(E entity) {
        long clinic = tenant.clinicId();
        if (entity.clinicId != null && entity.clinicId != clinic) {
            return Uni.createFrom().failure(new IllegalStateException("entity belongs to another clinic"));
        }
        entity.assignClinic(clinic);
        return session().chain(s -> s.persist(entity)).replaceWith(entity);
    }

    /**
     * {@code entity}, a row this repository writes natively ({@link #nativeWrite}) instead of persisting it, marked
     * as the request's clinic's; a clinic set by anyone else is refused.
     */
    protected E claim(E entity) {
        long clinic = tenant.clinicId();
        if (entity.clinicId != null && entity.clinicId != clinic) {
            throw new IllegalStateException("entity belongs to another clinic");
        }
        entity.assignClinic(clinic);
        return entity;
    }

    /** A bulk {@code update <E> set … where <clinic> and …}; returns the rows changed. */
    public Uni<Integer> update(String assignments, Map<String, Object> values, Where where) {
        long clinic = tenant.clinicId();
        return session().chain(s -> {
            var query = s.createMutationQuery("update " + entity + " set " + assignments + " where " + scoped(where))
                    .setParameter(CLINIC_PARAMETER, clinic);
            values.forEach(query::setParameter);
            where.parameters().forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    /** A bulk {@code delete from <E> where <clinic> and …} (hard delete: for child rows being replaced). */
    public Uni<Integer> delete(Where where) {
        long clinic = tenant.clinicId();
        return session().chain(s -> {
            var query = s.createMutationQuery("delete from " + entity + " where " + scoped(where))
                    .setParameter(CLINIC_PARAMETER, clinic);
            where.parameters().forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    /** Writes pending changes now, so version conflicts and constraint violations surface here. */
    public Uni<Void> flush() {
        return session().chain(Mutiny.Session::flush);
    }

    private Mutiny.SelectionQuery<E> query(Mutiny.Session s, String from, Where where, String orderBy) {
        String hql = from + " where " + scoped(where) + (orderBy == null ? "" : " order by " + orderBy);
        Mutiny.SelectionQuery<E> query =
                s.createSelectionQuery(hql, type).setParameter(CLINIC_PARAMETER, tenant.clinicId());
        where.parameters().forEach(query::setParameter);
        return query;
    }

    /**
     * A condition every statement of this repository carries besides the clinic, e.g.
     * {@code deletedAt is null} for soft-deleted records; null for none.
     */
    protected String alwaysWhere() {
        return null;
    }

    /**
     * The row of {@code type} whose id is the request's clinic (a per-clinic counter), or null when the clinic has
     * none yet. Read by primary key: no query plan to cache.
     */
    protected <T> Uni<T> clinicRow(Class<T> type) {
        long clinic = tenant.clinicId();
        return session().chain(s -> s.find(type, clinic));
    }

    /**
     * A native statement returning one number (e.g. {@code insert … on conflict … returning}).
     * It must name {@code :clinicId}, which the repository binds to the request's clinic.
     */
    protected Uni<Long> nativeNumber(String sql, Map<String, Object> parameters) {
        if (!sql.contains(":" + CLINIC_PARAMETER)) {
            return Uni.createFrom().failure(new IllegalArgumentException("a native statement must name :clinicId"));
        }
        long clinic = tenant.clinicId();
        return session().chain(s -> {
            var query = NativePlans.bindUncached(s.createNativeQuery(sql, Long.class), CLINIC_PARAMETER, clinic);
            parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    /**
     * Runs {@code steps} and then {@code select} as one statement ({@code with a as (…), b as (…) select …}): the
     * writes of one change in one round trip. PostgreSQL runs every step exactly once, whether {@code select} reads
     * it or not, all on one snapshot ({@code select} sees what the steps return, by their names, not the rows they
     * wrote), in an order it chooses: a step that must come after another (say, to take a lock held until commit only
     * once the other's constraint checks have passed) reads the other's output. Returns {@code select}'s one row
     * (give it two columns or more).
     */
    protected Uni<Object[]> nativeWrite(List<WriteStep> steps, String select, Map<String, Object> parameters) {
        if (parameters.containsKey(CLINIC_PARAMETER)) {
            throw new IllegalArgumentException("parameter named twice in one statement: " + CLINIC_PARAMETER);
        }
        StringBuilder sql = new StringBuilder("with ");
        Map<String, Object> all = new HashMap<>(parameters);
        for (WriteStep step : steps) {
            if (sql.length() > "with ".length()) {
                sql.append(", ");
            }
            sql.append(step.name()).append(" as (").append(step.sql()).append(')');
            step.parameters().forEach((name, value) -> {
                if (all.containsKey(name) || CLINIC_PARAMETER.equals(name)) {
                    throw new IllegalArgumentException("parameter named twice in one statement: " + name);
                }
                all.put(name, value);
            });
        }
        sql.append(' ').append(select);
        long clinic = tenant.clinicId();
        return session().chain(s -> {
            var query = NativePlans.bindUncached(
                    s.createNativeQuery(sql.toString(), Object[].class), CLINIC_PARAMETER, clinic);
            all.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    /**
     * A native statement returning rows: aggregates for reports ({@code GROUP BY} in SQL, never paging through
     * records), or a write that may return none ({@code insert … select … where … returning}). It must name
     * {@code :clinicId}, which the repository binds to the request's clinic.
     */
    protected Uni<List<Object[]>> nativeRows(String sql, Map<String, Object> parameters) {
        if (!sql.contains(":" + CLINIC_PARAMETER)) {
            return Uni.createFrom().failure(new IllegalArgumentException("a native statement must name :clinicId"));
        }
        long clinic = tenant.clinicId();
        return session().chain(s -> {
            var query = NativePlans.bindUncached(s.createNativeQuery(sql, Object[].class), CLINIC_PARAMETER, clinic);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private String scoped(Where where) {
        String rest = where.hql();
        String always = alwaysWhere();
        return "clinicId = :" + CLINIC_PARAMETER
                + (always == null ? "" : " and (" + always + ")")
                + (rest.isEmpty() ? "" : " and " + rest);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
