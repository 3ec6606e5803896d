package org.clinic.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A request whose path goes on the wire exactly as written: HTTP clients encode, normalise or drop what a path-trick
 * test needs to send ({@code ;}, {@code %2F}, {@code ..}, {@code //}). Reads the answer until the server closes (or 5 s
 * pass: a stream that was wrongly opened still shows its status line).
 */
public final class RawRequest {

    /** The status, the head (status line and headers) and whatever of the body arrived. */
    public record Answer(int status, String head, String body) {}

    private RawRequest() {}

    public static Answer get(int port, String rawPath, String token) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: */*\r\n"
                            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    read.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException stillOpen) {
                // a stream: what arrived is enough to tell
            }
            String answer = read.toString(StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? answer : answer.substring(0, headEnd);
            String body = headEnd < 0 ? "" : answer.substring(headEnd + 4);
            String[] statusLine = head.split(" ", 3);
            return new Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
