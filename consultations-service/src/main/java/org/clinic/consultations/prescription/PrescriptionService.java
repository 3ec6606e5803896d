package org.clinic.consultations.prescription;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.NotFound;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.web.Etags;
import org.clinic.consultations.consultation.ConsultationRepository;
import org.clinic.consultations.directory.DoctorsApi;
import org.clinic.consultations.directory.DoctorsClient;
import org.clinic.consultations.directory.Ownership;
import org.clinic.consultations.directory.PatientsApi;
import org.clinic.consultations.directory.PatientsClient;

/**
 * Prescriptions and their medicines (API.md §3): created and changed in one transaction each, so
 * one invalid medicine stores nothing; read with their medicines in a bounded number of queries.
 */
@ApplicationScoped
public class PrescriptionService {

    static final String NOT_FOUND = "Prescription not found.";

    /** A prescription with its medicines. */
    public record Full(Prescription prescription, List<Medicine> medicines) {}

    private final PrescriptionRepositories.Prescriptions prescriptions;
    private final PrescriptionRepositories.Medicines medicines;
    private final ConsultationRepository consultations;
    private final PatientsClient patients;
    private final DoctorsClient doctors;
    private final Ownership ownership;
    private final AuditWriter audit;

    private final ClinicTransactions transactions;
    private final Clock clock;

    PrescriptionService(
            PrescriptionRepositories.Prescriptions prescriptions,
            PrescriptionRepositories.Medicines medicines,
            ConsultationRepository consultations,
            PatientsClient patients,
            DoctorsClient doctors,
            Ownership ownership,
            AuditWriter audit,
            ClinicTransactions transactions,
            Clock clock) {
        this.clock = clock;

        this.transactions = transactions;
        this.prescriptions = prescriptions;
        this.medicines = medicines;
        this.consultations = consultations;
        this.patients = patients;
        this.doctors = doctors;
        this.ownership = ownership;
        this.audit = audit;
    }

    /** Three queries a page whatever its size: the count, the prescriptions, all their medicines. */
    public Uni<Page<Full>> list(PageRequest page, Long patient, String status) {
        return ownership
                .visible()
                .chain(visible -> transactions.run(() -> prescriptions
                        .page(
                                visible.andIf(patient, "patientId = :patient", "patient")
                                        .andIf(status, "status = :status", "status"),
                                "createdAt desc, id desc",
                                page)
                        .chain(found -> medicines
                                .of(found.items().stream().map(p -> p.id).toList())
                                .map(all -> {
                                    Map<Long, List<Medicine>> byPrescription =
                                            all.stream().collect(Collectors.groupingBy(m -> m.prescriptionId));
                                    return found.map(p -> new Full(p, byPrescription.getOrDefault(p.id, List.of())));
                                }))));
    }

    public Uni<Full> get(long id) {
        return ownership
                .visible()
                .chain(visible -> transactions.run(() ->
                        find(visible, id).chain(p -> medicines.of(List.of(p.id)).map(m -> new Full(p, m)))));
    }

    /** The writing doctor and the patient, read from the other services before the transaction opens. */
    public record Facts(DoctorsApi.Doctor doctor, PatientsApi.Patient patient) {}

    public Uni<Facts> factsFor(PrescriptionRequest request) {
        if (request.patient() == null) {
            throw InvalidRequest.field("patient", "This field is required.");
        }
        return doctors.callerDoctor()
                .chain(doctor -> patients.patient(request.patient()).map(patient -> new Facts(doctor, patient)));
    }

    /** The prescription and its medicines, in one transaction. */
    public Uni<Full> create(PrescriptionRequest request, Facts facts) {
        DoctorsApi.Doctor doctor = facts.doctor();
        PatientsApi.Patient patient = facts.patient();
        return transactions.run(() -> requireConsultation(request, doctor.id()).chain(() -> {
            Prescription prescription = new Prescription();
            prescription.patientId = patient.id();
            prescription.patientName = patient.patientName();
            prescription.doctorId = doctor.id();
            prescription.doctorName = doctor.userName();
            prescription.consultationId = request.consultation();
            prescription.prescriptionDate = LocalDate.now(clock);
            prescription.createdAt = clock.instant();
            prescription.updatedAt = prescription.createdAt;
            ChangeSet changes = apply(prescription, request, true);
            return prescriptions
                    .persist(prescription)
                    .call(prescriptions::flush)
                    .chain(p -> storeMedicines(p.id, request.medicines()).map(m -> new Full(p, m)))
                    .call(full ->
                            audit.record("create", "prescription", full.prescription().id, withMedicines(changes)));
        }));
    }

    /** PUT and PATCH by its own doctor; given medicines replace the old ones in the same transaction. */
    public Uni<Full> update(long id, UnaryOperator<PrescriptionRequest> edit, String ifMatch) {
        return doctors.callerDoctor()
                .chain(doctor -> transactions.run(() -> find(
                                Where.of("doctorId = :ownDoctor", "ownDoctor", doctor.id()), id)
                        .chain(p -> medicines.of(List.of(p.id)).chain(current -> {
                            Etags.requireMatch(ifMatch, p.version);
                            PrescriptionRequest request = edit.apply(requestOf(p, current));
                            ChangeSet changes = apply(p, request, false);
                            boolean medicinesChanged = !request.medicines()
                                    .equals(current.stream()
                                            .map(PrescriptionRequest.MedicineRequest::of)
                                            .toList());
                            if (changes.isEmpty() && !medicinesChanged) {
                                return Uni.createFrom().item(new Full(p, current));
                            }
                            p.updatedAt = clock.instant();
                            Uni<List<Medicine>> stored = medicinesChanged
                                    ? medicines.removeOf(p.id).chain(() -> storeMedicines(p.id, request.medicines()))
                                    : Uni.createFrom().item(current);
                            List<String> fields = medicinesChanged ? withMedicines(changes) : changes.fields();
                            return stored.call(prescriptions::flush)
                                    .call(() -> audit.record("update", "prescription", p.id, fields))
                                    .map(m -> new Full(p, m));
                        }))));
    }

    private Uni<Prescription> find(Where visible, long id) {
        return prescriptions
                .findFirst(visible.and("id = :id", "id", id))
                .onItem()
                .ifNull()
                .failWith(() -> new NotFound(NOT_FOUND));
    }

    /** A consultation given must be one of the caller's own, for the same patient; else 400 naming it. */
    private Uni<Void> requireConsultation(PrescriptionRequest request, long doctorId) {
        if (request.consultation() == null) {
            return Uni.createFrom().voidItem();
        }
        return consultations
                .findFirst(
                        Where.of("id = :id and doctorId = :doctor", "id", request.consultation(), "doctor", doctorId))
                .invoke(consultation -> {
                    if (consultation == null) {
                        throw InvalidRequest.field("consultation", "must be one of your consultations in this clinic");
                    }
                    if (!consultation.patientId.equals(request.patient())) {
                        throw InvalidRequest.field("consultation", "belongs to another patient");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<List<Medicine>> storeMedicines(long prescriptionId, List<PrescriptionRequest.MedicineRequest> given) {
        List<Medicine> rows = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            PrescriptionRequest.MedicineRequest r = given.get(i);
            Medicine m = new Medicine();
            m.prescriptionId = prescriptionId;
            m.position = i;
            m.medicineName = r.medicineName().trim();
            m.dosage = orEmpty(r.dosage());
            m.frequency = orEmpty(r.frequency());
            m.duration = orEmpty(r.duration());
            m.route = orEmpty(r.route());
            m.instructions = orEmpty(r.instructions());
            m.quantity = r.quantity();
            m.refillsAllowed = r.refillsAllowed() == null ? 0 : r.refillsAllowed();
            rows.add(m);
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Medicine m : rows) {
            all = all.chain(() -> medicines.persist(m).replaceWithVoid());
        }
        return all.replaceWith(rows);
    }

    private static PrescriptionRequest requestOf(Prescription p, List<Medicine> current) {
        return new PrescriptionRequest(
                p.patientId,
                p.consultationId,
                p.status,
                p.notes,
                current.stream().map(PrescriptionRequest.MedicineRequest::of).toList());
    }

    private static ChangeSet apply(Prescription p, PrescriptionRequest r, boolean creating) {
        return new ChangeSet()
                .set(
                        "status",
                        creating ? null : p.status,
                        r.status() == null ? (creating ? "active" : p.status) : r.status(),
                        v -> p.status = v)
                .set("notes", p.notes, orEmpty(r.notes()), v -> p.notes = v);
    }

    private static List<String> withMedicines(ChangeSet changes) {
        List<String> fields = new ArrayList<>(changes.fields());
        fields.add("medicines");
        return fields;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
