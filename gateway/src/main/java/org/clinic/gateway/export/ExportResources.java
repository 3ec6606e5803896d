package org.clinic.gateway.export;

import java.util.List;
import java.util.Map;

/**
 * The resources of API.md §9 and the processes that own each: each writes its part of the resource's file into its
 * own database and serves its pieces (common's {@code ExportFileResource}). One owner: the part is the file. Several
 * ({@code audit_events}: every process keeps its own): the file is their parts merged by id ({@link MergedParts}).
 */
final class ExportResources {

    /** A process that owns export resources, by the name its errors and logs use. */
    enum Owner {
        GATEWAY("gateway"),
        PATIENTS("patients service"),
        DOCTORS("doctors service"),
        CONSULTATIONS("consultations service");

        final String label;

        Owner(String label) {
            this.label = label;
        }
    }

    /** Every resource of API.md §9, in the order an export writes them. */
    static final List<String> ALL = List.of(
            "patients", "doctors", "visits", "consultations", "prescriptions", "test_reports", "users", "audit_events");

    static final Map<String, List<Owner>> OWNERS = Map.of(
            "patients", List.of(Owner.PATIENTS),
            "doctors", List.of(Owner.DOCTORS),
            "visits", List.of(Owner.DOCTORS),
            "consultations", List.of(Owner.CONSULTATIONS),
            "prescriptions", List.of(Owner.CONSULTATIONS),
            "test_reports", List.of(Owner.CONSULTATIONS),
            "users", List.of(Owner.GATEWAY),
            "audit_events", List.of(Owner.GATEWAY, Owner.PATIENTS, Owner.DOCTORS, Owner.CONSULTATIONS));

    private ExportResources() {}
}
