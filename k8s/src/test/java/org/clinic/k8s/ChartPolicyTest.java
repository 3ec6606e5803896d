package org.clinic.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the platform team relies on, asserted on every region's rendered output. */
class ChartPolicyTest {

    static final List<String> COMPONENTS = List.of("gateway", "patients", "doctors", "consultations");

    static List<String> regions() {
        return Chart.regions();
    }

    static List<JsonNode> rendered(String region) {
        return Chart.objects(Chart.renderWithHooks(region));
    }

    /** The pod templates of Deployments and Jobs. */
    static Map<String, JsonNode> podSpecs(List<JsonNode> objects) {
        Map<String, JsonNode> pods = new java.util.TreeMap<>();
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (kind.equals("Deployment") || kind.equals("Job")) {
                pods.put(kind + "/" + o.path("metadata").path("name").asText(), o.at("/spec/template/spec"));
            }
        }
        return pods;
    }

    static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    @ParameterizedTest
    @MethodSource("regions")
    void everyPodRunsAsNonRootOnAReadOnlyFileSystemWithoutCapabilities(String region) {
        Map<String, JsonNode> pods = podSpecs(rendered(region));
        int pooler = Chart.poolerMode(region).equals("bundled") ? 1 : 0;
        assertEquals(8 + pooler, pods.size(), "four Deployments and four Jobs, and the bundled pooler's");
        pods.forEach((name, pod) -> {
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name);
            assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0, name);
            assertEquals(
                    "RuntimeDefault",
                    pod.at("/securityContext/seccompProfile/type").asText(),
                    name);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name + ": no API token");
            for (JsonNode c : containers(pod)) {
                String where = name + " " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), where);
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where);
                assertFalse(sc.path("privileged").asBoolean(true), where);
                assertEquals("[\"ALL\"]", sc.at("/capabilities/drop").toString(), where);
                assertTrue(c.at("/resources/requests/cpu").isTextual(), where + ": cpu request");
                assertTrue(c.at("/resources/requests/memory").isTextual(), where + ": memory request");
                assertTrue(c.at("/resources/limits/memory").isTextual(), where + ": memory limit");
                // the only writable place: /tmp, an emptyDir
                JsonNode tmp = mount(c, "/tmp");
                assertTrue(tmp != null, where + ": /tmp mounted");
                assertTrue(volume(pod, tmp.path("name").asText()).has("emptyDir"), where + ": /tmp is an emptyDir");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("regions")
    void everyDeploymentHasProbesSpreadRollingUpdatesAnAutoscalerAndABudget(String region) {
        List<JsonNode> objects = rendered(region);
        JsonNode values = Chart.values(Chart.regionFile(region));
        for (String component : COMPONENTS) {
            String name = Chart.RELEASE + "-" + component;
            JsonNode deployment = Chart.named(objects, "Deployment", name);
            JsonNode c = deployment.at("/spec/template/spec/containers/0");
            assertEquals("/q/health/started", c.at("/startupProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), name);
            assertEquals(
                    0,
                    deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1),
                    name);
            assertTrue(
                    deployment
                            .at("/spec/template/spec/topologySpreadConstraints")
                            .toString()
                            .contains("topology.kubernetes.io/zone"),
                    name + ": spread across zones");
            assertTrue(c.path("image").asText().startsWith("registry.example-clinic.app/clinic/clinic-"), name);

            JsonNode hpa = Chart.named(objects, "HorizontalPodAutoscaler", name);
            assertEquals(name, hpa.at("/spec/scaleTargetRef/name").asText());
            JsonNode bounds = values.at("/components/" + component + "/replicas");
            assertEquals(bounds.path("min").asInt(), hpa.at("/spec/minReplicas").asInt(), name + " min (region)");
            assertEquals(bounds.path("max").asInt(), hpa.at("/spec/maxReplicas").asInt(), name + " max (region)");
            assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2, name + ": two replicas at least");

            JsonNode pdb = Chart.named(objects, "PodDisruptionBudget", name);
            assertEquals(1, pdb.at("/spec/maxUnavailable").asInt(), name);
            assertEquals(deployment.at("/spec/selector/matchLabels"), pdb.at("/spec/selector/matchLabels"), name);

            JsonNode account = Chart.named(objects, "ServiceAccount", name);
            assertFalse(account.path("automountServiceAccountToken").asBoolean(true), name);
        }
    }

    /** Passwords and keys only by reference; nothing secret in ConfigMaps, plain env values or values files. */
    @ParameterizedTest
    @MethodSource("regions")
    void noSecretValueIsWrittenAnywhere(String region) {
        List<JsonNode> objects = rendered(region);
        Pattern secretName = Pattern.compile(".*(PASSWORD|PHI_KEY|PRIVATE_KEY|SECRET|TOKEN)$");
        for (JsonNode map : Chart.ofKind(objects, "ConfigMap")) {
            map.path("data").fields().forEachRemaining(e -> {
                assertFalse(secretName.matcher(e.getKey()).matches(), "ConfigMap key " + e.getKey());
                assertNoSecretText(e.getKey() + "=" + e.getValue().asText());
            });
        }
        podSpecs(objects).forEach((name, pod) -> {
            for (JsonNode c : containers(pod)) {
                for (JsonNode env : c.path("env")) {
                    String key = env.path("name").asText();
                    if (secretName.matcher(key).matches() || key.equals("REDIS_URL") && env.has("valueFrom")) {
                        assertTrue(env.at("/valueFrom/secretKeyRef/name").isTextual(), name + " " + key);
                        assertFalse(env.has("value"), name + " " + key);
                    }
                    assertNoSecretText(
                            name + " " + key + "=" + env.path("value").asText());
                }
            }
        });
        for (Path file : valuesFiles()) {
            String text = read(file);
            assertNoSecretText(file + ":\n" + text);
            assertFalse(
                    Pattern.compile("(?im)^\\s*[a-z]*password\\s*:\\s*\\S")
                            .matcher(text)
                            .find(),
                    file + " sets a password");
        }
    }

    private static void assertNoSecretText(String text) {
        assertFalse(text.contains("-----BEGIN"), "a PEM key: " + text);
        assertFalse(Pattern.compile("://[^/\\s:@]+:[^/\\s@]+@").matcher(text).find(), "credentials in a URL: " + text);
    }

    /** The migration Jobs run before the pods, with the admin and owner passwords; the pods never see them. */
    @ParameterizedTest
    @MethodSource("regions")
    void migrationsRunOnceInHookJobsAndThePodsDoNotMigrate(String region) throws IOException {
        String template = Files.readString(Chart.CHART.resolve("templates/migrate-job.yaml"));
        assertTrue(template.contains("helm.sh/hook: pre-install,pre-upgrade"), "migrate-job.yaml is a hook");
        List<JsonNode> objects = rendered(region);
        for (String component : COMPONENTS) {
            String name = Chart.RELEASE + "-" + component;
            assertEquals(
                    "false",
                    Chart.named(objects, "ConfigMap", name)
                            .at("/data/DB_MIGRATE_AT_START")
                            .asText(),
                    name);
            String deployment = Chart.named(objects, "Deployment", name).toString();
            assertFalse(deployment.contains("owner-password"), name + " holds the owner password");
            assertFalse(deployment.contains("clinic-db-admin"), name + " holds the admin credential");

            JsonNode job = Chart.named(objects, "Job", name + "-migrate");
            String jobText = job.toString();
            assertTrue(jobText.contains("\"QUARKUS_INIT_AND_EXIT\",\"value\":\"true\""), jobText);
            assertTrue(jobText.contains("\"DB_MIGRATE_AT_START\",\"value\":\"true\""), jobText);
            assertTrue(jobText.contains("org.clinic.dbroles.Provision"), "roles first: " + name);
            assertTrue(jobText.contains(component + "-owner-password"), jobText);
            assertEquals(
                    Chart.named(objects, "Deployment", name).at("/spec/template/spec/containers/0/image"),
                    job.at("/spec/template/spec/containers/0/image"),
                    "the Job migrates with the image it deploys");
            // PostgreSQL itself, never a pooler: the Job's NetworkPolicy reaches only PostgreSQL
            String host =
                    Chart.values(Chart.regionFile(region)).at("/database/host").asText();
            assertTrue(jobText.contains("\"DB_REACTIVE_URL\",\"value\":\"postgresql://" + host + ":5432/"), jobText);
            assertFalse(jobText.contains("DB_TRANSACTION_POOLER"), jobText);
        }
    }

    /** Exactly the paths of docs/operations.md "Network paths", no more. */
    @ParameterizedTest
    @MethodSource("regions")
    void networkPoliciesAllowExactlyTheSuitesPaths(String region) {
        List<JsonNode> objects = rendered(region);
        JsonNode values = Chart.values(Chart.regionFile(region));
        String db = "cidr " + values.at("/database/cidrs/0").asText() + " tcp/5432";
        String redis = "cidr " + values.at("/redis/cidrs/0").asText() + " tcp/6380";
        String dns = "ns kube-system pod k8s-app=kube-dns udp/53 tcp/53";
        String otlp = "ns observability tcp/4317";
        String scraper = "ns monitoring tcp/8080";

        JsonNode deny = Chart.named(objects, "NetworkPolicy", Chart.RELEASE + "-default-deny");
        assertEquals("[\"Ingress\",\"Egress\"]", deny.at("/spec/policyTypes").toString());
        assertFalse(deny.at("/spec").has("ingress") || deny.at("/spec").has("egress"), "deny has no rules");
        assertEquals(
                "{\"app.kubernetes.io/name\":\"clinic-platform\",\"app.kubernetes.io/instance\":\"clinic\"}",
                deny.at("/spec/podSelector/matchLabels").toString(),
                "the default deny covers every pod of the install");

        Map<String, Set<String>> ingress = Map.of(
                "gateway",
                        Set.of(
                                "ns ingress-nginx pod app.kubernetes.io/name=ingress-nginx tcp/8080",
                                pod("patients"),
                                pod("doctors"),
                                pod("consultations"),
                                scraper),
                "patients", Set.of(pod("gateway"), pod("doctors"), pod("consultations"), scraper),
                "doctors", Set.of(pod("gateway"), pod("patients"), pod("consultations"), scraper),
                "consultations", Set.of(pod("gateway"), pod("patients"), scraper),
                "migrate", Set.of());
        // behind a pooler the services reach it instead of PostgreSQL, but for doctors-service's LISTEN
        String mode = Chart.poolerMode(region);
        String served =
                switch (mode) {
                    case "bundled" ->
                        "pod app.kubernetes.io/component=pooler,app.kubernetes.io/instance=clinic,"
                                + "app.kubernetes.io/name=clinic-platform tcp/6432";
                    case "external" ->
                        "cidr " + values.at("/pooler/external/cidrs/0").asText() + " tcp/6432";
                    default -> db;
                };
        Set<String> doctorsDatabase = mode.equals("none") ? Set.of(db) : Set.of(db, served);
        Map<String, Set<String>> egress = Map.of(
                "gateway", Set.of(dns, served, pod("patients"), pod("doctors"), pod("consultations"), redis, otlp),
                "patients", Set.of(dns, served, pod("gateway"), pod("doctors"), pod("consultations"), otlp),
                "doctors", union(doctorsDatabase, Set.of(dns, pod("gateway"), pod("patients"), otlp)),
                "consultations", Set.of(dns, served, pod("gateway"), pod("patients"), pod("doctors"), otlp),
                "migrate", Set.of(dns, db));
        if (mode.equals("bundled")) {
            JsonNode pooler = Chart.named(objects, "NetworkPolicy", Chart.RELEASE + "-pooler");
            Set<String> services = new TreeSet<>();
            for (String component : COMPONENTS) {
                services.add(pod(component).replace("tcp/8080", "tcp/6432"));
            }
            assertEquals(services, peers(pooler.at("/spec/ingress"), "from"), "pooler ingress: the four services");
            assertEquals(Set.of(dns, db), peers(pooler.at("/spec/egress"), "to"), "pooler egress");
        }
        assertEquals(
                mode.equals("bundled") ? 7 : 6,
                Chart.ofKind(objects, "NetworkPolicy").size(),
                "default deny + 4 components + migrate (+ the bundled pooler)");
        for (String component : ingress.keySet()) {
            JsonNode policy = Chart.named(objects, "NetworkPolicy", Chart.RELEASE + "-" + component);
            assertEquals(
                    component,
                    policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component")
                            .asText());
            assertEquals(ingress.get(component), peers(policy.at("/spec/ingress"), "from"), component + " ingress");
            assertEquals(egress.get(component), peers(policy.at("/spec/egress"), "to"), component + " egress");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String pod(String component) {
        return "pod app.kubernetes.io/component=" + component + ",app.kubernetes.io/instance=clinic,"
                + "app.kubernetes.io/name=clinic-platform tcp/8080";
    }

    /** Each rule's peers as "ns X pod k=v ports", "pod k=v ports" or "cidr C ports". */
    private static Set<String> peers(JsonNode rules, String direction) {
        Set<String> peers = new TreeSet<>();
        for (JsonNode rule : rules) {
            StringBuilder ports = new StringBuilder();
            for (JsonNode port : rule.path("ports")) {
                ports.append(' ')
                        .append(port.path("protocol").asText().toLowerCase())
                        .append('/')
                        .append(port.path("port").asText());
            }
            for (JsonNode peer : rule.path(direction)) {
                StringBuilder p = new StringBuilder();
                if (peer.has("ipBlock")) {
                    p.append("cidr ").append(peer.at("/ipBlock/cidr").asText());
                    assertFalse(peer.at("/ipBlock").has("except"));
                }
                if (peer.has("namespaceSelector")) {
                    p.append("ns ")
                            .append(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                    .asText("ANY NAMESPACE"));
                }
                if (peer.has("podSelector")) {
                    TreeSet<String> labels = new TreeSet<>();
                    peer.at("/podSelector/matchLabels")
                            .fields()
                            .forEachRemaining(e ->
                                    labels.add(e.getKey() + "=" + e.getValue().asText()));
                    p.append(p.isEmpty() ? "" : " ").append("pod ").append(String.join(",", labels));
                }
                peers.add(p + ports.toString());
            }
            assertTrue(rule.path(direction).size() > 0, "a rule without peers allows everyone: " + rule);
        }
        return peers;
    }

    /** Only /api/ and /.well-known/ are public; /q (health, metrics) is not; streams are unbuffered. */
    @ParameterizedTest
    @MethodSource("regions")
    void theIngressExposesTheApiOnlyWithTlsAndUnbufferedStreams(String region) {
        List<JsonNode> objects = rendered(region);
        String host = Chart.values(Chart.regionFile(region)).at("/ingress/host").asText();
        List<String> paths = new ArrayList<>();
        for (JsonNode ingress : Chart.ofKind(objects, "Ingress")) {
            assertEquals(host, ingress.at("/spec/tls/0/hosts/0").asText());
            assertTrue(ingress.at("/spec/tls/0/secretName").asText().contains(region));
            for (JsonNode rule : ingress.at("/spec/rules")) {
                assertEquals(host, rule.path("host").asText());
                for (JsonNode path : rule.at("/http/paths")) {
                    paths.add(path.path("path").asText());
                    assertEquals(
                            Chart.RELEASE + "-gateway",
                            path.at("/backend/service/name").asText());
                }
            }
        }
        assertEquals(
                List.of(
                        "/api/",
                        "/.well-known/",
                        "/api/v1/clinics/[0-9]+/(visits|queue-board|doctors/[0-9]+/queue)/stream/?"),
                paths);
        JsonNode streams = Chart.named(objects, "Ingress", Chart.RELEASE + "-gateway-streams");
        JsonNode annotations = streams.at("/metadata/annotations");
        assertEquals(
                "off",
                annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText());
        assertTrue(
                annotations
                                .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
                                .asInt()
                        > 15,
                "above the heartbeat");
        Pattern stream = Pattern.compile(paths.get(2));
        assertTrue(stream.matcher("/api/v1/clinics/12/visits/stream/").matches());
        assertTrue(stream.matcher("/api/v1/clinics/12/doctors/7/queue/stream/").matches());
        assertTrue(stream.matcher("/api/v1/clinics/12/queue-board/stream/").matches());
        assertFalse(stream.matcher("/api/v1/clinics/12/visits/").matches());
    }

    /** Each region renders its own endpoints and limits, and no other region's. */
    @ParameterizedTest
    @MethodSource("regions")
    void eachRegionRendersItsOwnEndpointsAndNothingOfAnother(String region) {
        String manifest = Chart.renderWithHooks(region);
        List<JsonNode> objects = Chart.objects(manifest);
        JsonNode values = Chart.values(Chart.regionFile(region));
        JsonNode gateway =
                Chart.named(objects, "ConfigMap", Chart.RELEASE + "-gateway").path("data");
        String served =
                switch (Chart.poolerMode(region)) {
                    case "bundled" -> "postgresql://" + Chart.RELEASE + "-pooler:6432/clinic_gateway?sslmode=disable";
                    case "external" ->
                        "postgresql://" + values.at("/pooler/external/host").asText() + ":6432/clinic_gateway";
                    default -> "postgresql://" + values.at("/database/host").asText() + ":5432/clinic_gateway";
                };
        assertTrue(gateway.path("DB_REACTIVE_URL").asText().startsWith(served), gateway.toString());
        assertEquals(values.at("/redis/url").asText(), gateway.path("REDIS_URL").asText());
        assertEquals(
                values.at("/rateLimits/userPerHour").asText(),
                gateway.path("RATE_LIMIT_USER_PER_HOUR").asText());
        assertEquals(
                values.at("/rateLimits/clinicPerHour").asText(),
                gateway.path("RATE_LIMIT_CLINIC_PER_HOUR").asText());
        assertEquals(
                values.at("/rateLimits/anonymousPerHour").asText(),
                gateway.path("RATE_LIMIT_ANONYMOUS_PER_HOUR").asText());
        List<String> origins = new ArrayList<>();
        values.at("/cors/allowedOrigins").forEach(o -> origins.add(o.asText()));
        assertEquals(
                String.join(",", origins), gateway.path("CORS_ALLOWED_ORIGINS").asText());
        for (String component : COMPONENTS) {
            JsonNode data = Chart.named(objects, "ConfigMap", Chart.RELEASE + "-" + component)
                    .path("data");
            assertTrue(data.path("DB_JDBC_URL")
                    .asText()
                    .startsWith(
                            "jdbc:postgresql://" + values.at("/database/host").asText() + ":5432/clinic_"));
            assertTrue(data.path("DB_JDBC_URL").asText().endsWith("?sslmode=verify-full"));
        }
        for (String other : Chart.regions()) {
            if (!other.equals(region)) {
                assertFalse(manifest.contains(other), region + " mentions " + other);
                JsonNode theirs = Chart.values(Chart.regionFile(other));
                assertFalse(manifest.contains(theirs.at("/database/cidrs/0").asText()), region + ": " + other + " db");
                assertFalse(manifest.contains(theirs.at("/redis/cidrs/0").asText()), region + ": " + other + " redis");
            }
        }
        assertTrue(manifest.contains("clinic.example/region: " + region));
    }

    /** Rotation: the retired keys listed in values are mounted and published by the gateway. */
    @Test
    void retiredSigningKeysAreMountedAndListedForTheGateway() {
        List<JsonNode> objects =
                Chart.objects(Chart.render("eu-west", t -> t.set("jwt.previousPublicKeys[0]", "signing-2026-09.pem")
                        .set("jwt.previousPublicKeys[1]", "signing-2026-10.pem")));
        JsonNode data = Chart.named(objects, "ConfigMap", "clinic-gateway").path("data");
        assertEquals(
                "/etc/clinic/jwt/previous/signing-2026-09.pem,/etc/clinic/jwt/previous/signing-2026-10.pem",
                data.path("CLINIC_JWT_PREVIOUS_PUBLIC_KEY_LOCATIONS").asText());
        JsonNode pod = Chart.named(objects, "Deployment", "clinic-gateway").at("/spec/template/spec");
        JsonNode previous = volume(pod, "jwt-previous");
        assertEquals("clinic-jwt-previous", previous.at("/secret/secretName").asText());
        assertEquals(2, previous.at("/secret/items").size());
        assertEquals(
                "/etc/clinic/jwt/previous",
                mount(pod.at("/containers/0"), "/etc/clinic/jwt/previous")
                        .path("mountPath")
                        .asText());
        // without retired keys, nothing is mounted
        JsonNode plain = Chart.named(Chart.objects(Chart.render("eu-west")), "Deployment", "clinic-gateway");
        assertFalse(plain.toString().contains("jwt-previous"));
    }

    /** One event loop per pod unless a component is given more (values: defaults.eventLoops, components.x.eventLoops). */
    @Test
    void eachPodRunsTheEventLoopsItsValuesGive() {
        List<JsonNode> defaults = Chart.objects(Chart.render("eu-west"));
        for (String component : COMPONENTS) {
            JsonNode deployment = Chart.named(defaults, "Deployment", "clinic-" + component);
            assertEquals("1", env(deployment.at("/spec/template/spec/containers/0"), "EVENT_LOOPS"), component);
        }
        List<JsonNode> objects =
                Chart.objects(Chart.render("eu-west", t -> t.set("components.gateway.eventLoops", "2")));
        assertEquals(
                "2",
                env(
                        Chart.named(objects, "Deployment", "clinic-gateway").at("/spec/template/spec/containers/0"),
                        "EVENT_LOOPS"));
        assertEquals(
                "1",
                env(
                        Chart.named(objects, "Deployment", "clinic-patients").at("/spec/template/spec/containers/0"),
                        "EVENT_LOOPS"));
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError(
                "no env " + name + " in " + container.path("name").asText());
    }

    private static JsonNode mount(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText())) {
                return m;
            }
        }
        return null;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static List<Path> valuesFiles() {
        List<Path> files = new ArrayList<>();
        files.add(Chart.CHART.resolve("values.yaml"));
        try (Stream<Path> regions = Files.list(Chart.REGIONS)) {
            regions.forEach(files::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
