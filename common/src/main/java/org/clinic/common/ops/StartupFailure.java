package org.clinic.common.ops;

import io.smallrye.config.ConfigValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a start that failed on configuration into what the operator needs: one line per bad setting, naming the
 * environment variable that sets it (the one our properties read, e.g. {@code RATE_LIMIT_USER_PER_HOUR} for
 * {@code clinic.rate-limit.user-per-hour}), the property, and why, with secret values never printed.
 */
public final class StartupFailure {

    private static final Pattern PROPERTY = Pattern.compile(
            "\\b((?:clinic|quarkus|mp|smallrye)\\.[A-Za-z0-9][A-Za-z0-9.\\-\\[\\]\"]*[A-Za-z0-9\\]\"])");
    private static final Pattern ENV_REFERENCE = Pattern.compile("^\\$\\{([A-Za-z0-9_.\\-]+)(?::.*)?}$");
    private static final Pattern CODE = Pattern.compile("SRCFG\\d+: ");
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z]*: ");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value (\".*\") threw an Exception whilst being converted:? ?(.*)");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern CREDENTIALS = Pattern.compile("//[^/@\\s\"]+@");
    private static final Pattern SECRET = Pattern.compile("(?i)(key|password|secret|token)");

    private StartupFailure() {}

    /** The lines to print when {@code failure} is about configuration; {@code null} when it is about anything else. */
    public static String configurationProblems(Throwable failure) {
        List<String> problems = problems(failure);
        if (problems.isEmpty()) {
            return null;
        }
        Properties raw = rawProperties();
        // one line per variable: a value read by two properties (EVENT_LOOPS: ours, checked, and Quarkus's) is one
        // bad setting, said once, by the first property that refused it
        Map<String, String> lines = new LinkedHashMap<>();
        for (String problem : problems) {
            String line = line(problem, raw);
            int named = line.indexOf(" (");
            lines.putIfAbsent(named > 0 ? line.substring(0, named) : line, line);
        }
        return String.join(System.lineSeparator(), lines.values());
    }

    /** One line for one problem: {@code configuration error: ENV_VAR (property): reason}. */
    static String line(String problem, Properties raw) {
        String reason = EXCEPTION_PREFIX
                .matcher(CODE.matcher(problem.trim()).replaceAll(""))
                .replaceFirst("");
        Matcher conversion = CONVERSION.matcher(reason);
        if (conversion.matches()) {
            reason = conversion.group(1) + " cannot be " + conversion.group(2) + ": " + conversion.group(3);
        }
        Matcher property = PROPERTY.matcher(reason);
        if (!property.find()) {
            return "configuration error: " + reason;
        }
        // Bean Validation names a group by its method (rateLimit); the property is rate-limit
        // ... and a list's element by its index (allowed-origins[0]): the variable sets the whole list
        String name = kebab(property.group(1)).replaceAll("\\[[0-9]+]", "");
        reason = reason.replace(property.group(1), name);
        if (SECRET.matcher(name).find()) {
            reason = QUOTED.matcher(reason).replaceAll("\"(hidden)\"");
        }
        // a URL's credentials (redis://user:password@host) are never printed either
        reason = CREDENTIALS.matcher(reason).replaceAll("//(hidden)@");
        return "configuration error: " + environmentVariable(name, raw) + " (" + name + "): " + reason;
    }

    private static String kebab(String property) {
        return CAMEL.matcher(property).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The variable our properties file reads for {@code property} ({@code ${VAR:default}}), else the standard one. */
    static String environmentVariable(String property, Properties raw) {
        String name = property;
        for (int hops = 0; hops < 5; hops++) {
            String value = raw.getProperty(name);
            Matcher reference = value == null ? null : ENV_REFERENCE.matcher(value.trim());
            if (reference == null || !reference.matches()) {
                break;
            }
            String target = reference.group(1);
            if (!target.contains(".")) {
                return target;
            }
            name = target;
        }
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<String> problems(Throwable failure) {
        List<String> problems = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigValidationException validation) {
                for (int i = 0; i < validation.getProblemCount(); i++) {
                    problems.add(validation.getProblem(i).getMessage());
                }
                return problems;
            }
            if (cause instanceof InvalidSetting invalid) {
                problems.add(invalid.getMessage());
                return problems;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            boolean configuration = cause.getClass().getName().endsWith("ConfigurationException")
                    || (message != null && message.contains("SRCFG"));
            if (configuration && message != null) {
                for (String line : message.split("\\R")) {
                    String trimmed = line.trim();
                    if (!trimmed.isEmpty() && PROPERTY.matcher(trimmed).find()) {
                        problems.add(trimmed);
                    }
                }
                if (!problems.isEmpty()) {
                    return problems;
                }
            }
        }
        return problems;
    }

    private static Properties rawProperties() {
        Properties raw = new Properties();
        for (String resource : List.of("META-INF/microprofile-config.properties", "application.properties")) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    raw.load(in);
                }
            } catch (IOException | RuntimeException e) {
                // without the file the standard variable name is given
            }
        }
        return raw;
    }
}
