package org.clinic.gateway.export;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The audit events' parts read as one file ordered by id (API.md §9), without a server. */
class MergedPartsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A part of these lines cut into pieces of {@code size} bytes, as a process stores it (lines cross pieces). */
    private static MergedParts.Part part(List<String> lines, int size, AtomicInteger reads) {
        byte[] all = String.join("", lines).getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < all.length; at += size) {
            pieces.add(Arrays.copyOfRange(all, at, Math.min(all.length, at + size)));
        }
        return new MergedParts.Part(pieces.size(), n -> {
            reads.incrementAndGet();
            return Uni.createFrom().item(pieces.get(n));
        });
    }

    private static String line(long id, String text) {
        return "{\"id\":" + id + ",\"changes\":[\"" + text + "\"],\"nested\":{\"id\":1}}\n";
    }

    private static String read(List<MergedParts.Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MergedParts.of(parts).subscribe().asStream().forEach(batch -> out.write(batch, 0, batch.length));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void partsOfAnySizeMergeIntoOneFileOrderedById() {
        Random random = new Random(42);
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> expected = new ArrayList<>();
        for (long id = 1; id <= 3_000; id++) {
            // ids spread over the parts as the four processes' sequences spread them, with texts of any length
            String line = line(id, "é".repeat(random.nextInt(300)));
            parts.get(random.nextInt(4)).add(line);
            expected.add(line);
        }
        parts.get(2).clear(); // a process that has no events of the clinic
        expected.clear();
        parts.forEach(expected::addAll);
        expected.sort((a, b) -> Long.compare(MergedParts.idOf(a.getBytes()), MergedParts.idOf(b.getBytes())));

        for (int size : new int[] {1, 7, 64, 1000, 1 << 20}) {
            AtomicInteger reads = new AtomicInteger();
            List<MergedParts.Part> pieces =
                    parts.stream().map(lines -> part(lines, size, reads)).toList();
            assertThat("pieces of " + size, read(pieces), equalTo(String.join("", expected)));
            int total = pieces.stream().mapToInt(MergedParts.Part::chunks).sum();
            assertThat("each piece is read once", reads.get(), equalTo(total));
        }
    }

    @Test
    void theMergedStreamComesInBoundedBatchesOfWholeLines() {
        List<String> lines = new ArrayList<>();
        for (long id = 1; id <= 2_000; id++) {
            lines.add(line(id, "x".repeat(200)));
        }
        List<byte[]> batches = MergedParts.of(List.of(part(lines, 1 << 20, new AtomicInteger())))
                .collect()
                .asList()
                .await()
                .atMost(WAIT);
        for (byte[] batch : batches) {
            assertThat(batch.length, lessThanOrEqualTo(MergedParts.BATCH + 300));
            assertThat(batch[batch.length - 1], equalTo((byte) '\n'));
        }
        assertThat(batches.size() > 1, equalTo(true));
    }

    @Test
    void noPartsOrEmptyPartsAreAnEmptyFile() {
        assertThat(read(List.of()), equalTo(""));
        assertThat(read(List.of(part(List.of(), 10, new AtomicInteger()))), equalTo(""));
    }

    @Test
    void aPartCutInsideALineOrALineWithoutIdFails() {
        MergedParts.Part cut = new MergedParts.Part(1, n -> Uni.createFrom().item("{\"id\":1}".getBytes()));
        assertThrows(IllegalStateException.class, () -> read(List.of(cut)));
        MergedParts.Part noId = new MergedParts.Part(1, n -> Uni.createFrom().item("{\"at\":1}\n".getBytes()));
        assertThrows(IllegalStateException.class, () -> read(List.of(noId)));
    }
}
