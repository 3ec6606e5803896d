package org.clinic.common.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A clinic's export files in this process's database (API.md §9, kernel migration V0_6, docs/decisions.md §27).
 *
 * <p>{@link #produce} writes one resource's file in one {@code REPEATABLE READ} transaction of the request's clinic:
 * the rows are read page by page ({@link #PAGE}, by id, no offset) from one snapshot, each as its single GET answers
 * it, one JSON object per line, and stored in pieces of {@link #CHUNK} bytes as they fill, with the file's row last.
 * Memory is a page and a piece whatever the clinic's size; the file commits whole or not at all (a process killed
 * mid-file leaves nothing, and the next attempt starts again). A file already written is answered as it is, so
 * producing again is safe.
 */
@Singleton
@NotTenantScoped("reads and writes export files only in transactions told the request's clinic (row-level security)")
public class ExportFiles {

    /** The bytes of one stored piece of a file: what reading or writing a file holds in memory at most. */
    public static final int CHUNK = 1 << 20;

    /** Records read per statement while writing a file. */
    static final int PAGE = 500;

    private final ClinicTransactions transactions;
    private final TenantContext tenant;
    private final ObjectMapper mapper;

    public ExportFiles(ClinicTransactions transactions, TenantContext tenant, ObjectMapper mapper) {
        this.transactions = transactions;
        this.tenant = tenant;
        this.mapper = mapper;
    }

    /** The file of {@code source} for the request's clinic and {@code exportId}: written now, or as it was written. */
    public Uni<ExportFile> produce(long exportId, ExportSource source, Instant since, Instant keepUntil) {
        long clinicId = tenant.clinicId();
        String resource = source.resource();
        return transactions.snapshot(clinicId, () -> find(exportId, resource)
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(existing)
                        : pages(new Writing(clinicId, exportId, resource), source, since)
                                .chain(writing -> writing.finish(keepUntil))));
    }

    /** Piece {@code n} of a file of the request's clinic, or null. */
    public Uni<byte[]> chunk(long exportId, String resource, int n) {
        return transactions.run(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select data from export_chunk where clinic_id = :clinic and export_id = :export"
                                        + " and resource = :resource and n = :n",
                                Object.class)
                        .setParameter("clinic", tenant.clinicId())
                        .setParameter("export", exportId)
                        .setParameter("resource", resource)
                        .setParameter("n", n)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : bytes(rows.get(0))));
    }

    private Uni<ExportFile> find(long exportId, String resource) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count, bytes, sha256, chunks from export_file where clinic_id = :clinic"
                                        + " and export_id = :export and resource = :resource",
                                Object[].class)
                        .setParameter("clinic", tenant.clinicId())
                        .setParameter("export", exportId)
                        .setParameter("resource", resource)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    return new ExportFile(
                            resource,
                            ((Number) row[0]).longValue(),
                            ((Number) row[1]).longValue(),
                            row[2].toString().trim(),
                            ((Number) row[3]).intValue());
                });
    }

    /**
     * Every page, one after another. A loop, not a chain of each page's continuation: a recursive chain keeps every
     * level reachable until the whole file is done, and with it what each level held (a 100,000-patient clinic ran
     * out of a 128 MiB heap that way: bench/results/export-2026-12-05.md).
     */
    private Uni<Writing> pages(Writing writing, ExportSource source, Instant since) {
        return Multi.createBy()
                .repeating()
                .uni(() -> page(writing, source, since))
                .until(last -> last)
                .collect()
                .last()
                .replaceWith(writing);
    }

    /** Writes one page and stores the pieces it filled; whether it was the last. */
    private Uni<Boolean> page(Writing writing, ExportSource source, Instant since) {
        return source.after(writing.lastId, since, PAGE)
                .map(rows -> {
                    for (ExportRow row : rows) {
                        writing.line(json(row.body()));
                        writing.lastId = row.id();
                    }
                    return rows.size() < PAGE;
                })
                .call(() -> writing.storeFull())
                // what the page loaded is written: the session forgets it
                .call(() -> Panache.getSession().invoke(Mutiny.Session::clear));
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export record could not be written as JSON", e);
        }
    }

    private static byte[] bytes(Object data) {
        if (data instanceof byte[] array) {
            return array;
        }
        if (data instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        throw new IllegalStateException(
                "an export piece came back as " + data.getClass().getName());
    }

    /** One file being written: its unstored bytes (less than a piece after each page) and its running figures. */
    private static final class Writing {

        private final long clinicId;
        private final long exportId;
        private final String resource;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final MessageDigest sha256;
        private long count;
        private long bytes;
        private int chunks;
        long lastId;

        Writing(long clinicId, long exportId, String resource) {
            this.clinicId = clinicId;
            this.exportId = exportId;
            this.resource = resource;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void line(byte[] json) {
            pending.write(json, 0, json.length);
            pending.write('\n');
            sha256.update(json);
            sha256.update((byte) '\n');
            count++;
            bytes += json.length + 1L;
        }

        /** Stores every full piece pending, keeping the rest. */
        Uni<Void> storeFull() {
            if (pending.size() < CHUNK) {
                return Uni.createFrom().voidItem();
            }
            byte[] all = pending.toByteArray();
            pending.reset();
            int full = all.length / CHUNK;
            pending.write(all, full * CHUNK, all.length - full * CHUNK);
            return storePieces(all, 0, full);
        }

        private Uni<Void> storePieces(byte[] all, int i, int full) {
            if (i == full) {
                return Uni.createFrom().voidItem();
            }
            return store(Arrays.copyOfRange(all, i * CHUNK, (i + 1) * CHUNK))
                    .chain(() -> storePieces(all, i + 1, full));
        }

        private Uni<Void> store(byte[] piece) {
            int n = chunks++;
            return Panache.getSession()
                    .chain(s -> s.createNativeQuery("insert into export_chunk (clinic_id, export_id, resource, n, data)"
                                    + " values (:clinic, :export, :resource, :n, :data)")
                            .setParameter("clinic", clinicId)
                            .setParameter("export", exportId)
                            .setParameter("resource", resource)
                            .setParameter("n", n)
                            .setParameter("data", piece)
                            .executeUpdate())
                    .replaceWithVoid();
        }

        /** The last piece, then the file's row: the file exists once all of it does. */
        Uni<ExportFile> finish(Instant keepUntil) {
            Uni<Void> last = pending.size() == 0 ? Uni.createFrom().voidItem() : store(pending.toByteArray());
            String hex = HexFormat.of().formatHex(sha256.digest());
            return last.chain(() -> Panache.getSession())
                    .chain(s -> s.createNativeQuery("insert into export_file (clinic_id, export_id, resource, count,"
                                    + " bytes, sha256, chunks, keep_until) values (:clinic, :export, :resource,"
                                    + " :count, :bytes, :sha256, :chunks, :keepUntil)")
                            .setParameter("clinic", clinicId)
                            .setParameter("export", exportId)
                            .setParameter("resource", resource)
                            .setParameter("count", count)
                            .setParameter("bytes", bytes)
                            .setParameter("sha256", hex)
                            .setParameter("chunks", chunks)
                            .setParameter("keepUntil", OffsetDateTime.ofInstant(keepUntil, ZoneOffset.UTC))
                            .executeUpdate())
                    .map(ignored -> new ExportFile(resource, count, bytes, hex, chunks));
        }
    }
}
