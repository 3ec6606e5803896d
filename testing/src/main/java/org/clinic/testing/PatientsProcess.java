package org.clinic.testing;

import java.util.Map;

/** The real patients-service in its own process, for the tests of doctors-service. */
public class PatientsProcess extends ServiceProcess {

    private static volatile String url;

    public static String url() {
        if (url == null) {
            throw new IllegalStateException("the patients-service process has not been started");
        }
        return url;
    }

    @Override
    protected ServiceRunner runner() {
        return new ServiceRunner("patients-service");
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    protected Map<String, String> clientConfig(String url) {
        return Map.of("quarkus.rest-client.patients.url", url);
    }

    @Override
    protected void publish(String url) {
        PatientsProcess.url = url;
    }
}
