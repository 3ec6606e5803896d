package org.clinic.testing;

import java.util.Map;

/**
 * The real doctors-service in its own process, for the tests of consultations-service. It calls
 * the {@link GatewayProcess} and the {@link PatientsProcess}, which start before it.
 */
public class DoctorsProcess extends ServiceProcess {

    private static volatile String url;

    public static String url() {
        if (url == null) {
            throw new IllegalStateException("the doctors-service process has not been started");
        }
        return url;
    }

    @Override
    protected ServiceRunner runner() {
        return new ServiceRunner("doctors-service")
                .env("CLINIC_GATEWAY_URL", GatewayProcess.url())
                .env("CLINIC_PATIENTS_URL", PatientsProcess.url());
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    protected Map<String, String> clientConfig(String url) {
        return Map.of("quarkus.rest-client.doctors.url", url);
    }

    private static volatile DoctorsProcess current;

    /** A JDBC connection to the running doctors-service's database (as the admin), for faults and assertions. */
    public static java.sql.Connection connect() throws java.sql.SQLException {
        DoctorsProcess process = current;
        if (process == null || process.running() == null) {
            throw new IllegalStateException("the doctors-service process has not been started");
        }
        return process.running().connect();
    }

    @Override
    protected void publish(String url) {
        current = url == null ? null : this;
        DoctorsProcess.url = url;
    }
}
