package org.clinic.gateway.export;

import java.util.List;

/**
 * One finished file of an export, as the job keeps it: what it adds up to and where its pieces are: {@code chunks}
 * pieces at the resource's one owner, or, for a resource several processes own, {@code parts} (each owner's part and
 * its pieces) merged by id ({@link MergedParts}) as it is read.
 */
public record ExportFileEntry(String resource, long count, long bytes, String sha256, int chunks, List<Part> parts) {

    /**
     * The {@code chunks} of a merged file: none of its own. Not 0: a gateway of an earlier release (after a rollback)
     * would read that as an empty file and answer its download with no bytes; -1 makes it fail instead.
     */
    static final int MERGED = -1;

    /** One process's part of a merged file. */
    public record Part(ExportResources.Owner owner, long count, int chunks) {}

    ExportFileEntry(String resource, long count, long bytes, String sha256, int chunks) {
        this(resource, count, bytes, sha256, chunks, null);
    }
}
