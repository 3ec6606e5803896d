package org.clinic.gateway.export;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An export as clients see it (API.md §9); {@code status} is {@code expired} once {@code expires_at} has passed. */
public record ExportResponse(
        long id,
        long clinicId,

        @Schema(enumeration = {"queued", "running", "completed", "failed", "expired"})
        String status,

        List<String> resources,
        Instant since,
        long requestedBy,
        Instant requestedAt,
        Instant startedAt,
        Instant completedAt,
        Instant expiresAt,
        List<ExportedFile> files,
        String error) {

    /** A finished file and where to download it. */
    public record ExportedFile(String resource, long count, long bytes, String sha256, String url) {}

    static ExportResponse of(ExportJob job, List<ExportFileEntry> files, Instant now) {
        long clinic = job.getClinicId();
        return new ExportResponse(
                job.id,
                clinic,
                statusAt(job, now),
                Arrays.asList(job.resources.split(",")),
                job.since,
                job.requestedBy,
                job.requestedAt,
                job.startedAt,
                job.completedAt,
                job.expiresAt,
                files.stream()
                        .map(f -> new ExportedFile(
                                f.resource(), f.count(), f.bytes(), f.sha256(), url(clinic, job.id, f.resource())))
                        .toList(),
                job.error);
    }

    static String statusAt(ExportJob job, Instant now) {
        return "completed".equals(job.status) && job.expiresAt != null && !now.isBefore(job.expiresAt)
                ? "expired"
                : job.status;
    }

    static String location(long clinicId, long exportId) {
        return "/api/v1/clinics/" + clinicId + "/exports/" + exportId + "/";
    }

    static String url(long clinicId, long exportId, String resource) {
        return location(clinicId, exportId) + "files/" + resource + ".ndjson";
    }
}
