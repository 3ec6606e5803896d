package org.clinic.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The routes this process serves itself, with their methods, read once from the OpenAPI document the build
 * generates from its resources (so it cannot drift from them). It answers one question: a path that exists but not
 * for this method is a 405 with {@code Allow} (API.md §1), not the 404 RESTEasy Reactive gives when several resource
 * classes share a path prefix (quarkusio/quarkus#27659).
 */
public final class OwnRoutes {

    static final String DOCUMENT = "META-INF/quarkus-generated-openapi-doc.JSON";
    private static final Logger LOG = Logger.getLogger(OwnRoutes.class);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    record Route(Pattern pattern, int literalSegments, Set<String> methods) {}

    /** A path parameter inside a segment (declared before {@link #ROUTES}, which uses it as the class loads). */
    private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");

    private static final List<Route> ROUTES = load();

    private OwnRoutes() {}

    /**
     * The methods a path is served with (its most specific templates, {@code /users/me} before {@code /users/{id}}),
     * or an empty set when no route has this path. With or without the trailing slash alike.
     */
    public static Set<String> methodsOf(String path) {
        return methodsOf(ROUTES, path);
    }

    /** A 405 is due: the path exists, but not with this method (HEAD is served wherever GET is). */
    public static String allowIfNotAllowed(String method, String path) {
        return allowIfNotAllowed(ROUTES, method, path);
    }

    static String allowIfNotAllowed(List<Route> routes, String method, String path) {
        Set<String> allowed = methodsOf(routes, path);
        if (allowed.isEmpty()) {
            return null;
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (allowed.contains(upper) || ("HEAD".equals(upper) && allowed.contains("GET"))) {
            return null;
        }
        return String.join(", ", allowed);
    }

    private static Set<String> methodsOf(List<Route> routes, String path) {
        int best = -1;
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (!route.pattern().matcher(path).matches()) {
                continue;
            }
            if (route.literalSegments() > best) {
                best = route.literalSegments();
                methods.clear();
            }
            if (route.literalSegments() == best) {
                methods.addAll(route.methods());
            }
        }
        return methods;
    }

    static List<Route> parse(JsonNode document) {
        List<Route> routes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            Set<String> methods = new TreeSet<>();
            entry.getValue().fieldNames().forEachRemaining(name -> {
                if (METHODS.contains(name)) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            });
            if (!methods.isEmpty()) {
                routes.add(route(entry.getKey(), methods));
            }
        }
        return List.copyOf(routes);
    }

    private static Route route(String template, Set<String> methods) {
        StringBuilder regex = new StringBuilder("^");
        int literals = 0;
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                regex.append("[^/]+");
            } else if (segment.contains("{")) {
                // a parameter with a literal around it ({resource}.ndjson): the literal parts as they are
                Matcher parameter = PARAMETER.matcher(segment);
                int from = 0;
                while (parameter.find()) {
                    regex.append(Pattern.quote(segment.substring(from, parameter.start())))
                            .append("[^/]+");
                    from = parameter.end();
                }
                regex.append(Pattern.quote(segment.substring(from)));
            } else {
                regex.append(Pattern.quote(segment));
                literals++;
            }
        }
        regex.append("/?$");
        return new Route(Pattern.compile(regex.toString()), literals, Set.copyOf(methods));
    }

    private static List<Route> load() {
        ClassLoader loader = OwnRoutes.class.getClassLoader();
        try (InputStream in =
                (loader != null ? loader : ClassLoader.getSystemClassLoader()).getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                LOG.warnf("%s is not on the class path: a wrong method is answered 404, not 405", DOCUMENT);
                return List.of();
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not read %s (%s): a wrong method is answered 404, not 405", DOCUMENT, e.toString());
            return List.of();
        }
    }
}
