package org.clinic.common.apidocs;

import java.util.List;

/**
 * The groups the public API is documented in, in API.md's order, each with the one sentence Swagger UI shows under
 * it. Every public operation names one of these with {@code @Tag(name = ApiTags.X)}; the gateway's merged schema
 * lists them in this order with these descriptions (ApiSchema), and e2e-tests' ApiSchemaTest checks both.
 */
public final class ApiTags {

    /** A tag of the schema: its name, and what a front-end developer finds under it. */
    public record Tag(String name, String description) {}

    public static final String IDENTITY = "Identity and tokens";
    public static final String CLINICS_AND_USERS = "Clinics and users";
    public static final String PATIENTS = "Patients";
    public static final String DOCTORS_AND_QUEUES = "Doctors and queues";
    public static final String VISITS = "Visits";
    public static final String CONSULTATIONS = "Consultations";
    public static final String PRESCRIPTIONS = "Prescriptions";
    public static final String TEST_REPORTS = "Test reports";
    public static final String REPORTS_AND_AUDIT = "Reports and audit";
    public static final String API_DESCRIPTION = "API description";
    public static final String LIVE_UPDATES = "Live updates";
    public static final String EXPORTS = "Data exports";

    /** API.md's order: §2 identity, §3 the clinical resources, reports and audit, §6 this description, §7 streams, §9 exports. */
    public static final List<Tag> ALL = List.of(
            new Tag(IDENTITY, "Log in, refresh and revoke tokens, and get the public keys that verify access tokens."),
            new Tag(CLINICS_AND_USERS, "The clinics on the platform and each clinic's staff users and their roles."),
            new Tag(PATIENTS, "A clinic's patients, each patient's medical history, and checking a patient in."),
            new Tag(DOCTORS_AND_QUEUES, "A clinic's doctor profiles and each doctor's queue of waiting patients."),
            new Tag(VISITS, "Visits from check-in to completion, and moving a visit from one status to the next."),
            new Tag(CONSULTATIONS, "What a doctor records when seeing a patient: complaint, diagnosis, notes, vitals."),
            new Tag(PRESCRIPTIONS, "Prescriptions a doctor writes for a patient, each with its medicines."),
            new Tag(TEST_REPORTS, "Test results recorded for a clinic's patients, pending or final."),
            new Tag(REPORTS_AND_AUDIT, "The clinic's dashboard, its daily report (JSON or CSV) and its audit events."),
            new Tag(API_DESCRIPTION, "This OpenAPI document, merged from the gateway and every service."),
            new Tag(LIVE_UPDATES, "Server-Sent Event streams of visit changes, and the waiting-room queue board."),
            new Tag(EXPORTS, "A clinic's whole data taken out as a job: NDJSON files, one per resource."));

    private ApiTags() {}
}
