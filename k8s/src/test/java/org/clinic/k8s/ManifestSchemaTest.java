package org.clinic.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rendered object of every region validated against the Kubernetes v1.33 API schemas that the npm package
 * kubernetes-models ships (k8s/validate: pinned, locked, no network at validation time).
 */
class ManifestSchemaTest {

    static final Path VALIDATE = Chart.MODULE.resolve("validate");

    @BeforeAll
    static void installValidator() throws Exception {
        if (!Files.isDirectory(VALIDATE.resolve("node_modules/kubernetes-models"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        }
    }

    @Test
    void everyRegionsManifestIsValidAgainstTheKubernetesApiSchemas() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        int objects = 0;
        for (String region : Chart.regions()) {
            String manifest = Chart.renderWithHooks(region);
            objects += Chart.objects(manifest).size();
            Path file = Chart.TARGET.resolve("rendered").resolve(region + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, manifest);
            command.add(file.toString());
        }
        String output = run(command, 120);
        assertTrue(output.contains(objects + " objects valid, 0 invalid"), output);
    }

    /** The validator itself refuses a wrong type, so a green run means something. */
    @Test
    void theValidatorRefusesAnInvalidObject() throws Exception {
        Path file = Chart.TARGET.resolve("rendered").resolve("invalid.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: two
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec: {containers: [{name: c, image: i}]}
                """);
        Process process = start(List.of("node", "validate.mjs", file.toString()));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("INVALID") && output.contains("replicas must be integer"), output);
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process process = start(command);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + seconds + " s:\n" + output);
        }
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output;
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .directory(VALIDATE.toFile())
                .redirectErrorStream(true)
                .start();
    }
}
