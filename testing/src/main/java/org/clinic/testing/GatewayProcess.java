package org.clinic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real gateway in its own process (see {@link ServiceProcess}), signing with the test key,
 * with a superuser to create clinics and users through ({@link GatewayAccounts}).
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

    @Override
    protected String module() {
        return "gateway";
    }

    /** Before the services that call it. */
    @Override
    public int order() {
        return -10;
    }

    @Override
    protected Map<String, String> environment(Path target) {
        try {
            return Map.of(
                    "CLINIC_JWT_PRIVATE_KEY_LOCATION",
                    copyResource("testing/test-private.pem", target).toString(),
                    "CLINIC_SUPERUSER_USERNAME",
                    SUPERUSER,
                    "CLINIC_SUPERUSER_PASSWORD",
                    SUPERUSER_PASSWORD,
                    "CLINIC_PASSWORDS_BCRYPT_COST",
                    "4");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
