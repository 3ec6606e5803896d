package org.clinic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real doctors-service in its own process (see {@link ServiceProcess}), for the tests of
 * patients-service. It calls the {@link GatewayProcess} (started first) and, for a visit's
 * patient, the patients-service under test, which this resource therefore pins to a known port.
 */
public class DoctorsProcess extends ServiceProcess {

    private static volatile String url;
    private int underTestPort;

    public static String url() {
        if (url == null) {
            throw new IllegalStateException("the doctors-service process has not been started");
        }
        return url;
    }

    @Override
    protected String module() {
        return "doctors-service";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    protected Map<String, String> environment(Path target) {
        try (ServerSocket socket = new ServerSocket(0)) {
            underTestPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "CLINIC_GATEWAY_URL", GatewayProcess.url(), "CLINIC_PATIENTS_URL", "http://127.0.0.1:" + underTestPort);
    }

    @Override
    protected Map<String, String> clientConfig(String url) {
        return Map.of("quarkus.rest-client.doctors.url", url, "quarkus.http.test-port", String.valueOf(underTestPort));
    }

    @Override
    protected void publish(String url) {
        DoctorsProcess.url = url;
    }
}
