package org.clinic.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The chart and the region files, rendered through helm's own library (helm-java). */
final class Chart {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path CHART = MODULE.resolve("clinic-platform");
    static final Path REGIONS = MODULE.resolve("regions");
    static final Path TARGET = MODULE.resolve("target");
    static final String RELEASE = "clinic";
    static final String NAMESPACE = "clinic";
    static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {}

    /** Every region file: k8s/regions/*.yaml, by region name. */
    static List<String> regions() {
        try (Stream<Path> files = Files.list(REGIONS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The region's pooler.mode: none (the chart's default), bundled or external. */
    static String poolerMode(String region) {
        return values(regionFile(region)).at("/pooler/mode").asText("none");
    }

    static Path regionFile(String region) {
        return REGIONS.resolve(region + ".yaml");
    }

    /** {@code helm template clinic k8s/clinic-platform -n clinic -f regions/<region>.yaml}. */
    static String render(String region) {
        return render(region, UnaryOperator.identity());
    }

    static String render(String region, UnaryOperator<TemplateCommand> more) {
        TemplateCommand command = Helm.template(CHART.toString())
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withValuesFile(regionFile(region));
        return more.apply(command).call();
    }

    /**
     * The region's render including the migration Jobs. helm-java's template returns the release's manifest, which
     * leaves hooks out; this renders a copy of the chart whose Jobs are not hooks (the hook annotations themselves
     * are checked on the template source by ChartPolicyTest).
     */
    static String renderWithHooks(String region) {
        try {
            Path copy = TARGET.resolve("hooks").resolve(region).resolve("clinic-platform");
            copyTree(CHART, copy);
            Path job = copy.resolve("templates/migrate-job.yaml");
            Files.writeString(
                    job,
                    Files.readString(job)
                            .replace("helm.sh/hook:", "test.example/was-hook:")
                            .replace("helm.sh/hook-", "test.example/was-hook-"));
            return Helm.template(copy.toString())
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withValuesFile(regionFile(region))
                    .call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> objects(String manifest) {
        try {
            List<JsonNode> objects = new ArrayList<>();
            Iterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifest);
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                if (object != null && !object.isNull() && !object.isEmpty()) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static JsonNode values(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the chart whose values.yaml is the chart's values overlaid with the region's (as {@code -f} does):
     * helm-java's lint takes no values file, so this is how {@code helm lint --strict -f <region>} is run.
     */
    static Path chartWithRegionValues(String region) {
        try {
            Path copy = TARGET.resolve("lint").resolve(region).resolve("clinic-platform");
            copyTree(CHART, copy);
            ObjectNode merged = (ObjectNode) values(CHART.resolve("values.yaml"));
            overlay(merged, values(regionFile(region)));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's merge of values: maps merge key by key, anything else is replaced. */
    static void overlay(ObjectNode base, JsonNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue().isObject()) {
                overlay(target, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
