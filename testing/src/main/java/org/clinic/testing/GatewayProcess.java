package org.clinic.testing;

import java.util.Map;

/**
 * The real gateway in its own process, signing with the test key, with a superuser to create
 * clinics and users through ({@link GatewayAccounts}).
 */
public class GatewayProcess extends ServiceProcess {

    public static final String SUPERUSER = "root-operator";
    public static final String SUPERUSER_PASSWORD = "Operator-Pass-2026";

    private static volatile String url;

    /** The running gateway's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public static String url() {
        if (url == null) {
            throw new IllegalStateException("the gateway process has not been started");
        }
        return url;
    }

    /** Used by the end-to-end tests, which run the gateway themselves. */
    public static void use(String gatewayUrl) {
        url = gatewayUrl;
    }

    @Override
    protected ServiceRunner runner() {
        return ServiceRunner.gateway(ServiceRunner.freePort());
    }

    /** Before the services that call it. */
    @Override
    public int order() {
        return -10;
    }

    @Override
    protected Map<String, String> clientConfig(String url) {
        return Map.of("quarkus.rest-client.gateway.url", url);
    }

    @Override
    protected void publish(String url) {
        GatewayProcess.url = url;
    }
}
