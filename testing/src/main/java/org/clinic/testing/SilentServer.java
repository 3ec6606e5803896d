package org.clinic.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server that accepts connections and never answers: a downstream service that hangs. The
 * service under test gets its URL for the REST clients named in {@code clients} (comma-separated
 * init arg), with a one-second read timeout, so its timeout path runs for real.
 */
public class SilentServer implements QuarkusTestResourceLifecycleManager {

    private static final java.util.concurrent.atomic.AtomicInteger ACCEPTED =
            new java.util.concurrent.atomic.AtomicInteger();

    private ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private String clients = "";

    /** Connections accepted by every silent server of this JVM so far: how many calls reached one. */
    public static int accepted() {
        return ACCEPTED.get();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        clients = initArgs.getOrDefault("clients", "");
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket socket = server.accept();
                            ACCEPTED.incrementAndGet();
                            synchronized (held) {
                                held.add(socket);
                            }
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        Map<String, String> config = new java.util.HashMap<>();
        for (String client : clients.split(",")) {
            if (!client.isBlank()) {
                config.put(
                        "quarkus.rest-client." + client.trim() + ".url", "http://127.0.0.1:" + server.getLocalPort());
                config.put("quarkus.rest-client." + client.trim() + ".read-timeout", "1000");
            }
        }
        return config;
    }

    /** The port it listens on, once started. */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void stop() {
        try {
            server.close();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
