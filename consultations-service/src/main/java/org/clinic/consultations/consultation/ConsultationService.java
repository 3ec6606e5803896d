package org.clinic.consultations.consultation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.web.Etags;
import org.clinic.consultations.directory.DoctorsApi;
import org.clinic.consultations.directory.DoctorsClient;
import org.clinic.consultations.directory.Ownership;
import org.clinic.consultations.directory.PatientsApi;
import org.clinic.consultations.directory.PatientsClient;

/** Consultations (API.md §3): written by doctors, each by its own doctor; read by admins too. */
@ApplicationScoped
public class ConsultationService {

    static final String NOT_FOUND = "Consultation not found.";

    private final ConsultationRepository consultations;
    private final PatientsClient patients;
    private final DoctorsClient doctors;
    private final Ownership ownership;
    private final AuditWriter audit;

    private final ClinicTransactions transactions;
    private final Clock clock;

    public ConsultationService(
            ConsultationRepository consultations,
            PatientsClient patients,
            DoctorsClient doctors,
            Ownership ownership,
            AuditWriter audit,
            ClinicTransactions transactions,
            Clock clock) {
        this.clock = clock;

        this.transactions = transactions;
        this.consultations = consultations;
        this.patients = patients;
        this.doctors = doctors;
        this.ownership = ownership;
        this.audit = audit;
    }

    public Uni<Page<Consultation>> list(PageRequest page, Long patient) {
        return ownership
                .visible()
                .chain(visible -> transactions.run(() -> consultations.page(
                        visible.andIf(patient, "patientId = :patient", "patient"), "createdAt desc, id desc", page)));
    }

    public Uni<Consultation> get(long id) {
        return ownership.visible().chain(visible -> transactions.run(() -> find(visible, id)));
    }

    /** What a consultation is written with, gathered before its transaction opens. */
    public record Facts(DoctorsApi.Doctor doctor, PatientsApi.Patient patient, DoctorsApi.Visit visit) {}

    /**
     * Everything a consultation needs from the other services, before its transaction opens (issue 27,
     * docs/decisions.md §25): the request is checked first (bad input changes nothing anywhere), then the caller's
     * profile, the patient and the visit are read, and a waiting visit is moved to {@code in_consultation} by
     * doctors-service. That move is forward only and idempotent (a visit already in consultation stays so, API.md
     * §3), and a state the clinic may be in without a consultation (a doctor may start a visit before writing its
     * notes), so whatever fails after it (the consultation's transaction, a crash, a timeout) leaves nothing a retry
     * cannot finish: the retry finds the visit in consultation and writes the consultation.
     */
    public Uni<Facts> factsFor(ConsultationRequest request) {
        if (request.patient() == null) {
            throw InvalidRequest.field("patient", "This field is required.");
        }
        apply(new Consultation(), request);
        return doctors.callerDoctor().chain(doctor -> patients.patient(request.patient())
                .chain(patient -> request.visit() == null
                        ? Uni.createFrom().item(new Facts(doctor, patient, null))
                        : doctors.visitOf(request.visit(), request.patient(), doctor.id())
                                .chain(visit -> doctors.startVisit(visit, doctor.id()))
                                .map(visit -> new Facts(doctor, patient, visit))));
    }

    /**
     * The consultation, in one transaction of this service alone: its visit was moved in {@link #factsFor}, and no
     * transaction here waits on another service.
     */
    public Uni<Consultation> create(ConsultationRequest request, Facts facts) {
        DoctorsApi.Visit v = facts.visit();
        return transactions.run(() -> {
            Consultation consultation = new Consultation();
            consultation.patientId = facts.patient().id();
            consultation.patientName = facts.patient().patientName();
            consultation.doctorId = facts.doctor().id();
            consultation.doctorName = facts.doctor().userName();
            consultation.visitId = v == null ? null : v.id();
            consultation.createdAt = clock.instant();
            consultation.updatedAt = consultation.createdAt;
            ChangeSet changes = apply(consultation, request);
            return consultations
                    .persist(consultation)
                    .call(consultations::flush)
                    .call(c -> audit.record("create", "consultation", c.id, changes.fields()));
        });
    }

    /** PUT and PATCH, by the consultation's own doctor only; the patient and the visit stay. */
    public Uni<Consultation> update(long id, UnaryOperator<ConsultationRequest> edit, String ifMatch) {
        return doctors.callerDoctor()
                .chain(doctor -> transactions.run(() -> find(
                                Where.of("doctorId = :ownDoctor", "ownDoctor", doctor.id()), id)
                        .chain(consultation -> {
                            Etags.requireMatch(ifMatch, consultation.version);
                            ChangeSet changes = apply(consultation, edit.apply(ConsultationRequest.of(consultation)));
                            return audit.changed(
                                    consultation,
                                    changes,
                                    () -> consultation.updatedAt = clock.instant(),
                                    "update",
                                    "consultation",
                                    id);
                        })));
    }

    private Uni<Consultation> find(Where visible, long id) {
        return consultations
                .findFirst(visible.and("id = :id", "id", id))
                .onItem()
                .ifNull()
                .failWith(() -> new org.clinic.common.error.NotFound(NOT_FOUND));
    }

    private ChangeSet apply(Consultation c, ConsultationRequest r) {
        Vitals v = r.vitals() == null ? Vitals.NONE : r.vitals();
        // "today" at UTC-12, the latest calendar on Earth: this service does not know the clinic's
        // time zone, and no clinic's today may be refused
        if (r.followUpDate() != null
                && !r.followUpDate().equals(c.followUpDate)
                && r.followUpDate()
                        .isBefore(java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.ofHours(-12))))) {
            throw InvalidRequest.field("follow_up_date", "must not be in the past");
        }
        return new ChangeSet()
                .set("chief_complaint", c.chiefComplaint, orEmpty(r.chiefComplaint()), x -> c.chiefComplaint = x)
                .set("diagnosis", c.diagnosis, orEmpty(r.diagnosis()), x -> c.diagnosis = x)
                .set("notes", c.notes, orEmpty(r.notes()), x -> c.notes = x)
                .set("vitals.bp_systolic", c.bpSystolic, v.bpSystolic(), x -> c.bpSystolic = x)
                .set("vitals.bp_diastolic", c.bpDiastolic, v.bpDiastolic(), x -> c.bpDiastolic = x)
                .set("vitals.pulse", c.pulse, v.pulse(), x -> c.pulse = x)
                .set("vitals.temperature_c", c.temperatureC, v.temperatureC(), x -> c.temperatureC = x)
                .set("vitals.weight_kg", c.weightKg, v.weightKg(), x -> c.weightKg = x)
                .set("vitals.height_cm", c.heightCm, v.heightCm(), x -> c.heightCm = x)
                .set("vitals.spo2", c.spo2, v.spo2(), x -> c.spo2 = x)
                .set("follow_up_date", c.followUpDate, r.followUpDate(), x -> c.followUpDate = x);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
