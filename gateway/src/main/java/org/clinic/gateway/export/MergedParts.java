package org.clinic.gateway.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Several processes' parts of one export file (their audit events) read as one file: every part is ordered by id and
 * ids are unique within the install, so taking the line of smallest id among the parts' next lines, again and again,
 * gives the whole file ordered by id, the same bytes every time it is read. Memory: each part's current piece (at most
 * 1 MiB) and the lines being gathered (about {@link #BATCH}), whatever the file's size.
 */
final class MergedParts {

    /** About how many bytes each item of the merged stream holds. */
    static final int BATCH = 64 << 10;

    private static final JsonFactory JSON = new JsonFactory();

    /** A part: how many pieces it has and how to read piece n. */
    record Part(int chunks, IntFunction<Uni<byte[]>> piece) {}

    /** What a step answers when it only read a piece (nothing to hand on yet), and when the file is done. */
    private static final byte[] NOTHING = new byte[0];

    private static final byte[] END = new byte[0];

    private final List<Cursor> cursors;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean ended;

    private MergedParts(List<Part> parts) {
        this.cursors = parts.stream().map(Cursor::new).toList();
    }

    /**
     * The merged file, a batch of whole lines at a time, read as it is taken. A loop of steps, each of which reads at
     * most one piece: nothing holds on to what an earlier step read, and no step waits on a chain of others.
     */
    static Multi<byte[]> of(List<Part> parts) {
        MergedParts merged = new MergedParts(parts);
        return Multi.createBy()
                .repeating()
                .uni(merged::step)
                .until(batch -> batch == END)
                .select()
                .where(batch -> batch != NOTHING);
    }

    /** Gathers lines up to about {@link #BATCH} bytes and hands them on, or reads the piece a part needs first. */
    private Uni<byte[]> step() {
        if (ended) {
            return Uni.createFrom().item(END);
        }
        while (out.size() < BATCH) {
            for (Cursor cursor : cursors) {
                if (!cursor.advance()) {
                    // its next line starts or ends in a piece not read yet
                    return cursor.load().replaceWith(NOTHING);
                }
            }
            Cursor next = null;
            for (Cursor cursor : cursors) {
                if (cursor.head != null && (next == null || cursor.headId < next.headId)) {
                    next = cursor;
                }
            }
            if (next == null) {
                ended = true;
                break;
            }
            out.write(next.head, 0, next.head.length);
            next.head = null;
        }
        if (out.size() == 0) {
            return Uni.createFrom().item(END);
        }
        byte[] batch = out.toByteArray();
        out.reset();
        return Uni.createFrom().item(batch);
    }

    /** One part being read: its current piece and where in it, the part of a line begun in an earlier piece. */
    private static final class Cursor {

        private final Part part;
        private final ByteArrayOutputStream begun = new ByteArrayOutputStream();
        private byte[] piece = new byte[0];
        private int at;
        private int nextPiece;
        private boolean done;
        byte[] head;
        long headId;

        Cursor(Part part) {
            this.part = part;
        }

        /** Makes {@link #head} its next line (null at its end): false if a piece must be read first. */
        boolean advance() {
            if (head != null || done) {
                return true;
            }
            int end = at;
            while (end < piece.length && piece[end] != '\n') {
                end++;
            }
            if (end < piece.length) {
                byte[] line;
                if (begun.size() > 0) {
                    begun.write(piece, at, end + 1 - at);
                    line = begun.toByteArray();
                    begun.reset();
                } else {
                    line = Arrays.copyOfRange(piece, at, end + 1);
                }
                at = end + 1;
                head = line;
                headId = idOf(line);
                return true;
            }
            begun.write(piece, at, piece.length - at);
            at = piece.length;
            if (nextPiece < part.chunks()) {
                return false;
            }
            if (begun.size() > 0) {
                throw new IllegalStateException("an export part ends inside a line");
            }
            done = true;
            return true;
        }

        Uni<Void> load() {
            return part.piece()
                    .apply(nextPiece++)
                    .invoke(bytes -> {
                        piece = bytes;
                        at = 0;
                    })
                    .replaceWithVoid();
        }
    }

    /** The {@code id} of a line's top-level object. */
    static long idOf(byte[] line) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("an export line is no JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    return parser.getLongValue();
                }
                parser.skipChildren();
            }
            throw new IllegalStateException("an export line has no id");
        } catch (IOException e) {
            throw new IllegalStateException("an export line is no JSON object", e);
        }
    }
}
