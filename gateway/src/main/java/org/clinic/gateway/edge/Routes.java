package org.clinic.gateway.edge;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's one route table (API.md §3): for a clinic path, the resource family it names, the service that owns
 * it, whether it is an event stream of §7, and the kind of record a superuser's read of it is audited as. Forwarding,
 * the stream limits, the metrics' labels, the superuser audit and the merged schema all read it, so they cannot
 * disagree about a path. A path reaches them only in its canonical spelling ({@code common}'s {@code CanonicalPaths}
 * refuses every other with a 404 first), so a match here is the match every service's router makes too.
 */
public final class Routes {

    /** The services the gateway forwards to. */
    public enum Service {
        PATIENTS,
        DOCTORS,
        CONSULTATIONS
    }

    /** A plain request, answered once, or one of the event streams of API.md §7 (GET only). */
    public enum Kind {
        REQUEST,
        STREAM
    }

    /** A resource family: its first path segment after the clinic id, its owner (null: the gateway) and audit type. */
    public record Family(String segment, Service service, String auditType) {}

    /**
     * A forwarded route a request matched: its family, its kind, and the service that answers it (the family's owner,
     * but for a check-in, which makes a visit and is answered where visits live: docs/decisions.md §21).
     */
    public record Route(Family family, Kind kind, Service service) {

        public String resource() {
            return family.segment();
        }
    }

    private static final Map<String, Family> FAMILIES = Map.of(
            "patients", new Family("patients", Service.PATIENTS, "patient"),
            "doctors", new Family("doctors", Service.DOCTORS, "doctor"),
            "visits", new Family("visits", Service.DOCTORS, "visit"),
            "queue-board", new Family("queue-board", Service.DOCTORS, "visit"),
            "consultations", new Family("consultations", Service.CONSULTATIONS, "consultation"),
            "prescriptions", new Family("prescriptions", Service.CONSULTATIONS, "prescription"),
            "test-reports", new Family("test-reports", Service.CONSULTATIONS, "test_report"),
            "users", new Family("users", null, "user"),
            "exports", new Family("exports", null, "export"));

    /** Every path the gateway forwards (the clinic segment as any, so a schema's template matches too). */
    static final String FORWARDED = "^/api/v1/clinics/[^/]+/(patients|doctors|visits|queue-board|consultations"
            + "|prescriptions|test-reports)(?:/.*)?$";

    private static final Pattern FORWARDED_PATH = Pattern.compile(FORWARDED);

    /** The event streams of API.md §7. */
    private static final Pattern STREAM =
            Pattern.compile("^/api/v1/clinics/[0-9]+/(visits|queue-board|doctors/[0-9]+/queue)/stream/?$");

    /** ASCII digits, at most 18 (any id fits a long): another segment names no record. */
    private static final Pattern RECORD =
            Pattern.compile("^/api/v1/clinics/[0-9]+/([a-z_-]+)(?:/([0-9]{1,18})(?=/|$))?(?:/.*)?$");

    /** {@code patients/{id}/check_in/}: a patient's path, a visit's write, answered by doctors-service. */
    private static final Pattern CHECK_IN = Pattern.compile("^/api/v1/clinics/[^/]+/patients/[^/]+/check_in/?$");

    private Routes() {}

    /** The forwarded route of {@code method} and {@code path}, empty for the gateway's own paths. */
    public static Optional<Route> match(String method, String path) {
        Matcher m = FORWARDED_PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = "GET".equals(method) && STREAM.matcher(path).matches() ? Kind.STREAM : Kind.REQUEST;
        Family family = FAMILIES.get(m.group(1));
        Service service = CHECK_IN.matcher(path).matches() ? Service.DOCTORS : family.service();
        return Optional.of(new Route(family, kind, service));
    }

    /** The service the gateway forwards {@code path} to (a path template will do), or null for its own. */
    public static Service serviceOf(String path) {
        return match("GET", path).map(Route::service).orElse(null);
    }

    /** What a superuser reading {@code path} of {@code clinicId} read: a kind of record and its id, or the clinic. */
    public record ReadTarget(String type, Long id) {}

    public static ReadTarget readTarget(long clinicId, String path) {
        Matcher m = RECORD.matcher(path);
        if (m.matches() && FAMILIES.containsKey(m.group(1))) {
            return new ReadTarget(
                    FAMILIES.get(m.group(1)).auditType(), m.group(2) == null ? null : Long.valueOf(m.group(2)));
        }
        return new ReadTarget("clinic", clinicId);
    }
}
