package org.clinic.gateway.export;

import java.util.List;
import java.util.Map;
import org.clinic.gateway.edge.Routes.Service;

/**
 * The resources of API.md §9 and the process that owns each (it writes the resource's file into its own database and
 * serves its pieces: common's {@code ExportFileResource}).
 */
final class ExportResources {

    /** Every resource of API.md §9, in the order an export writes them. */
    static final List<String> ALL = List.of(
            "patients", "doctors", "visits", "consultations", "prescriptions", "test_reports", "users", "audit_events");

    /**
     * The resources this install can write today; the others are refused with a 400 until their sources land
     * (docs/api-notes.md, "Exports").
     */
    static final Map<String, Service> OWNERS = Map.of(
            "patients", Service.PATIENTS,
            "doctors", Service.DOCTORS,
            "visits", Service.DOCTORS,
            "consultations", Service.CONSULTATIONS,
            "prescriptions", Service.CONSULTATIONS,
            "test_reports", Service.CONSULTATIONS);

    private ExportResources() {}

    static List<String> exportable() {
        return ALL.stream().filter(OWNERS::containsKey).toList();
    }
}
