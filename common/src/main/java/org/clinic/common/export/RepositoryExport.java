package org.clinic.common.export;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.clinic.common.persistence.ClinicOwned;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.Where;

/**
 * A resource exported straight from its repository (API.md §9): every record the repository holds for the clinic
 * (its own conditions apply, so a soft-deleted record is left out as its single GET leaves it out), each as
 * {@code view} makes it, the single GET's representation; {@code since}: records whose {@code updatedAt} is at or after
 * it (every exported entity sets {@code updatedAt} when it is created). A subclass is a bean naming its resource.
 */
public abstract class RepositoryExport<E extends ClinicOwned> implements ExportSource {

    private final String resource;
    private final TenantScopedRepository<E> records;
    private final ToLongFunction<E> id;
    private final Function<E, Object> view;

    protected RepositoryExport(
            String resource, TenantScopedRepository<E> records, ToLongFunction<E> id, Function<E, Object> view) {
        this.resource = resource;
        this.records = records;
        this.id = id;
        this.view = view;
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public Uni<List<ExportRow>> after(long afterId, Instant since, int limit) {
        Where where = Where.all().andIf(since, "updatedAt >= :since", "since");
        return records.after(afterId, where, limit).map(page -> page.stream()
                .map(record -> new ExportRow(id.applyAsLong(record), view.apply(record)))
                .toList());
    }
}
