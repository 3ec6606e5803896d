package org.clinic.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} and {@code helm template} through helm's library, for every region. */
class HelmLintTest {

    static List<String> regions() {
        return Chart.regions();
    }

    @Test
    void thereAreAtLeastThreeRegions() {
        assertTrue(Chart.regions().size() >= 3, "regions: " + Chart.regions());
    }

    @ParameterizedTest
    @MethodSource("regions")
    void lintsStrictWithTheRegionsValues(String region) {
        LintResult result =
                new Helm(Chart.chartWithRegionValues(region)).lint().strict().call();
        assertFalse(result.isFailed(), region + ": " + String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @MethodSource("regions")
    void rendersEveryObjectOfTheSuite(String region) {
        var objects = Chart.objects(Chart.renderWithHooks(region));
        // the bundled pooler (pooler.mode: bundled) adds one of each but an autoscaler: its replica count is fixed
        int pooler = Chart.poolerMode(region).equals("bundled") ? 1 : 0;
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget")) {
            assertTrue(
                    Chart.ofKind(objects, kind).size() == 4 + pooler, region + ": " + (4 + pooler) + " " + kind + "s");
        }
        assertTrue(Chart.ofKind(objects, "HorizontalPodAutoscaler").size() == 4, region + ": four autoscalers");
        assertTrue(Chart.ofKind(objects, "Job").size() == 4, region + ": a migration Job per service");
        assertTrue(Chart.ofKind(objects, "Ingress").size() == 2, region + ": the API and its streams");
        assertTrue(Chart.ofKind(objects, "Secret").isEmpty(), region + ": the chart never writes a Secret");
    }

    /** Without a region's values the required ones are missing: lint and install refuse, naming them. */
    @Test
    void theChartAloneIsRefusedForItsMissingRequiredValues() {
        LintResult result = new Helm(Chart.CHART).lint().strict().call();
        assertTrue(result.isFailed(), "lint of the bare chart should fail");
        String messages = String.join("\n", result.getMessages());
        for (String required : List.of("region", "registry", "host", "existingSecret", "phiKeySecret")) {
            assertTrue(messages.contains(required), "lint names " + required + ":\n" + messages);
        }
    }

    /**
     * Issue 26: with forwarded headers on (the default: the gateway sits behind the ingress) an install must name the
     * proxies whose {@code X-Forwarded-For} is believed; without them it is refused, never "trust everyone". Each
     * region's list reaches the gateway, and Quarkus's own forwarding (left-most address) is never turned on.
     */
    @Test
    void forwardingWithoutTrustedProxiesIsRefused() throws Exception {
        // --set cannot give an empty list (helm-java passes "{}" as a string): a second values file does
        Path none = Files.writeString(
                Files.createTempFile(Chart.TARGET, "no-proxies", ".yaml"), "ingress:\n  trustedProxies: []\n");
        Path off = Files.writeString(
                Files.createTempFile(Chart.TARGET, "no-forwarding", ".yaml"),
                "ingress:\n  forwardedHeaders: false\n  trustedProxies: []\n");
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> Chart.render("eu-west", t -> t.withValuesFile(none)));
        assertTrue(
                refused.getMessage().contains("trustedProxies")
                        && refused.getMessage().contains("Array must have at least 1 items"),
                refused.getMessage());
        // what the gateway would refuse at start is refused at install
        for (String proxy :
                List.of("ingress-nginx", "10.0.0.0/8; 0.0.0.0/0", "*", "10.0.0.0/40", "999.1.1.1", "::/129")) {
            assertThrows(
                    IllegalStateException.class,
                    () -> Chart.render("eu-west", t -> t.set("ingress.trustedProxies[0]", proxy)),
                    proxy);
        }

        assertFalse(
                Chart.render("eu-west", t -> t.withValuesFile(off)).contains("CLINIC_EDGE_TRUSTED_PROXIES"),
                "forwarding off: no proxy is trusted");

        for (String region : Chart.regions()) {
            var gateway = Chart.named(Chart.objects(Chart.render(region)), "ConfigMap", Chart.RELEASE + "-gateway")
                    .path("data");
            List<String> proxies = new java.util.ArrayList<>();
            Chart.values(Chart.regionFile(region))
                    .path("ingress")
                    .path("trustedProxies")
                    .forEach(p -> proxies.add(p.asText()));
            String expected = String.join(",", proxies);
            assertTrue(
                    !expected.isEmpty()
                            && expected.equals(
                                    gateway.path("CLINIC_EDGE_TRUSTED_PROXIES").asText()),
                    region + ": " + gateway);
            assertFalse(gateway.toString().contains("QUARKUS_HTTP_PROXY"), region);
            // a trusted range never holds the database or Redis (their addresses would be walked past as proxies)
            JsonNode values = Chart.values(Chart.regionFile(region));
            for (String other : List.of("database", "redis")) {
                for (JsonNode cidr : values.path(other).path("cidrs")) {
                    for (String proxy : proxies) {
                        assertFalse(
                                contains(proxy, cidr.asText().split("/")[0]),
                                region + ": " + proxy + " holds " + other);
                    }
                }
            }
        }
    }

    /** Whether IPv4 {@code cidr} holds {@code address}. */
    private static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(parts[0]) & mask) == (ipv4(address) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    @Test
    void originsThatAreNotExactAreRefused() {
        for (String origin : List.of("*", "null", "https://*.example-clinic.app", "desk.example-clinic.app")) {
            assertThrows(
                    IllegalStateException.class,
                    () -> Chart.render("eu-west", t -> t.set("cors.allowedOrigins[0]", origin)),
                    origin);
        }
    }
}
