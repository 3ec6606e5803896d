package org.clinic.patients.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.patients.patient.PatientResponse;
import org.clinic.patients.patient.PatientService;

/**
 * A patient's history summary: the patient here, visit figures from doctors-service and record
 * counts from consultations-service, asked in parallel with the caller's token, each with a
 * timeout. A service that is down leaves its figures null and is named in the message.
 */
@ApplicationScoped
public class MedicalHistoryService {

    /** {@code data} of {@code medical_history/}. */
    public record MedicalHistory(
            PatientResponse patient, Long visits, Long prescriptions, Long testReports, JsonNode lastVisit) {}

    /** The answer and the parts that could not be had. */
    public record Result(MedicalHistory history, List<String> missing) {}

    private final PatientService patients;
    private final VisitsClient visits;
    private final ConsultationsClient consultations;
    private final TenantContext tenant;

    public MedicalHistoryService(
            PatientService patients, VisitsClient visits, ConsultationsClient consultations, TenantContext tenant) {
        this.patients = patients;
        this.visits = visits;
        this.consultations = consultations;
        this.tenant = tenant;
    }

    public Uni<Result> of(long patientId) {
        long clinicId = tenant.clinicId();
        return patients.get(patientId).chain(patient -> Uni.combine()
                .all()
                .unis(visits.figures(clinicId, patientId), consultations.counts(clinicId, patientId))
                .asTuple()
                .map(parts -> {
                    List<String> missing = new ArrayList<>();
                    VisitsClient.VisitFigures visitFigures = parts.getItem1();
                    ConsultationsApi.Counts counts = parts.getItem2();
                    if (visitFigures == null) {
                        missing.add("visits");
                    }
                    if (counts == null) {
                        missing.add("prescriptions");
                        missing.add("test_reports");
                    }
                    return new Result(
                            new MedicalHistory(
                                    PatientResponse.of(patient),
                                    visitFigures == null ? null : visitFigures.count(),
                                    counts == null ? null : counts.prescriptions(),
                                    counts == null ? null : counts.testReports(),
                                    visitFigures == null ? null : visitFigures.last()),
                            missing);
                }));
    }
}
