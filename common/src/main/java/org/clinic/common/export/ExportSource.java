package org.clinic.common.export;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * A resource this process owns and can write into a clinic's export file (API.md §9): a bean per resource, found by
 * {@link #resource()}. {@link ExportFiles} calls {@link #after} page by page, in one snapshot of the request's clinic.
 */
public interface ExportSource {

    /** The resource's name in API.md §9 ({@code patients}, {@code test_reports}…). */
    String resource();

    /**
     * Up to {@code limit} of the request's clinic's records with an id above {@code afterId}, by id, each as its single
     * GET answers it; with {@code since}, only those created or changed at or after it.
     */
    Uni<List<ExportRow>> after(long afterId, Instant since, int limit);
}
