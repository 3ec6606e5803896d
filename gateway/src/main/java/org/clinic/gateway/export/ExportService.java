package org.clinic.gateway.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.error.Gone;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.NotFound;
import org.clinic.common.error.ServiceUnavailable;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.clinic.ClinicService;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A clinic's exports (API.md §9, docs/decisions.md §27): asked for here, worked on by {@link ExportWorker}, downloaded
 * piece by piece from the processes that wrote them.
 */
@ApplicationScoped
public class ExportService {

    static final String NOT_FOUND = "Export not found.";

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** One row: the job, unless the clinic has one unfinished (the partial unique index), and its place in the queue. */
    private static final String ENQUEUE = "with job as (insert into export_job (clinic_id, resources, since,"
            + " requested_by, requested_at) values (:clinicId, :resources, cast(nullif(:since, '') as timestamptz), :actor, :now)"
            + " on conflict (clinic_id) where status in ('queued', 'running') do nothing returning id),"
            + " queued as (insert into export_queue (export_id, clinic_id) select id, :clinicId from job"
            + " returning export_id)"
            + " select export_id, export_id from queued";

    private final ExportJobs jobs;
    private final ClinicTransactions transactions;
    private final TenantContext tenant;
    private final AuditWriter audit;
    private final ClinicService clinics;
    private final ExportFilesClient files;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ExportService(
            ExportJobs jobs,
            ClinicTransactions transactions,
            TenantContext tenant,
            AuditWriter audit,
            ClinicService clinics,
            ExportFilesClient files,
            ObjectMapper mapper,
            Clock clock) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.tenant = tenant;
        this.audit = audit;
        this.clinics = clinics;
        this.files = files;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A new export, 202 with its {@code Location}; a 409 with the unfinished one's {@code Location} if there is one. */
    public Uni<RestResponse<?>> create(ExportRequest request) {
        List<String> resources = resources(request.resources());
        Instant since = since(request.since());
        long clinicId = tenant.clinicId();
        Instant now = clock.instant();
        Map<String, Object> values = new HashMap<>();
        values.put("resources", String.join(",", resources));
        // as text: a null parameter of a native statement has no type PostgreSQL can take
        values.put("since", since == null ? "" : since.toString());
        values.put("actor", tenant.userId());
        values.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return transactions.run(() -> jobs.enqueue(ENQUEUE, values)
                .chain(id -> id == null
                        ? jobs.findFirst(Where.of("status in ('queued', 'running')"))
                                .map(running -> {
                                    if (running == null) {
                                        // the export that refused this one finished in between: a new try is no longer
                                        // refused
                                        throw new ServiceUnavailable(
                                                "The clinic's previous export just finished; try again.");
                                    }
                                    return conflict(clinicId, running);
                                })
                        : audit.record("export", "export", id, resources)
                                .chain(() -> jobs.findOwned(id))
                                .map(job -> accepted(clinicId, job))));
    }

    private RestResponse<?> accepted(long clinicId, ExportJob job) {
        return RestResponse.ResponseBuilder.create(
                        RestResponse.Status.ACCEPTED, Envelope.ok("Export queued", view(job)))
                .location(URI.create(ExportResponse.location(clinicId, job.id)))
                .build();
    }

    private static RestResponse<?> conflict(long clinicId, ExportJob running) {
        // found by the index that refused the insert: the unfinished export is there, committed, in this clinic
        return RestResponse.ResponseBuilder.create(
                        RestResponse.Status.CONFLICT,
                        Envelope.error("This clinic already has an export queued or running: see its Location."))
                .location(URI.create(ExportResponse.location(clinicId, running.id)))
                .build();
    }

    public Uni<Page<ExportResponse>> list(PageRequest page) {
        return transactions.run(() -> jobs.page(Where.all(), "id desc", page)).map(p -> p.map(this::view));
    }

    public Uni<ExportResponse> get(long id) {
        return transactions.run(() -> jobs.findOwnedOrThrow(id, NOT_FOUND)).map(this::view);
    }

    /** What a download streams: the file's figures and the clinic's slug, after its audit event was written. */
    public record Download(long clinicId, long exportId, String slug, ExportFileEntry file, long actorId) {}

    /**
     * The file of {@code resource} of export {@code id}, checked and audited: 404 for another clinic's export or a
     * resource it has no file of (yet), 410 once the export expired.
     */
    public Uni<Download> download(long id, String resource) {
        long clinicId = tenant.clinicId();
        long actor = tenant.userId();
        return transactions
                .run(() -> jobs.findOwnedOrThrow(id, NOT_FOUND).chain(job -> {
                    // a completed export expires 7 days after it completed, and so do a failed one's files
                    if (job.expiresAt != null && !clock.instant().isBefore(job.expiresAt)) {
                        throw new Gone("This export has expired; its files were deleted. Start a new export.");
                    }
                    ExportFileEntry file = entries(job).stream()
                            .filter(f -> f.resource().equals(resource))
                            .findFirst()
                            .orElseThrow(() -> new NotFound("This export has no file of that resource."));
                    return audit.record("download", "export", id, List.of(resource))
                            .replaceWith(file);
                }))
                .chain(file ->
                        clinics.get(clinicId).map(clinic -> new Download(clinicId, id, clinic.slug, file, actor)));
    }

    /**
     * The file's bytes as the client takes them, each piece read with a token of the downloader minted for it (one
     * who is deactivated meanwhile reads no further): one piece in memory at a time.
     */
    public io.smallrye.mutiny.Multi<byte[]> pieces(Download download) {
        return files.file(download.clinicId(), download.exportId(), download.file(), download.actorId());
    }

    private ExportResponse view(ExportJob job) {
        return ExportResponse.of(job, entries(job), clock.instant());
    }

    List<ExportFileEntry> entries(ExportJob job) {
        return entries(mapper, job.files);
    }

    static List<ExportFileEntry> entries(ObjectMapper mapper, String files) {
        try {
            return mapper.readValue(files, new TypeReference<List<ExportFileEntry>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export's files could not be read", e);
        }
    }

    static List<String> resources(List<String> asked) {
        if (asked == null) {
            return ExportResources.ALL;
        }
        if (asked.isEmpty()) {
            throw InvalidRequest.field("resources", "Name at least one resource, or leave it out for all.");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String resource : asked) {
            if (resource == null || !ExportResources.ALL.contains(resource)) {
                throw InvalidRequest.field(
                        "resources", "Each must be one of " + String.join(", ", ExportResources.ALL) + ".");
            }
            wanted.add(resource);
        }
        List<String> ordered = new ArrayList<>();
        ExportResources.ALL.stream().filter(wanted::contains).forEach(ordered::add);
        return ordered;
    }

    static Instant since(String since) {
        if (since == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequest.field("since", "Must be an ISO-8601 instant, e.g. 2026-11-24T09:30:00Z.");
        }
        // what PostgreSQL can store (and a clinic can mean): years 1 to 9999
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw InvalidRequest.field("since", "Must be between the years 1 and 9999.");
        }
        return instant;
    }
}
