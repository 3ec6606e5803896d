package org.clinic.common.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The images' HEALTHCHECK (k8s/images/Dockerfile.jvm): asks the process in the same container for
 * {@code /q/health/ready} and exits 0 only on a 200, so the image needs no shell and no curl. Kubernetes uses its
 * own probes (the chart's); this serves plain container runtimes.
 */
public final class ContainerHealthCheck {

    private ContainerHealthCheck() {}

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("PORT", "8080");
        String path = args.length > 0 ? args[0] : "/q/health/ready";
        try {
            HttpResponse<Void> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health check: " + e.getClass().getSimpleName());
            System.exit(1);
        }
    }
}
