package org.clinic.patients.patient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.Search;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Etags;

/** Patients of a clinic (API.md §3 "Patients"): one transaction per use case, each audited in it. */
@ApplicationScoped
public class PatientService {

    static final String NOT_FOUND = "Patient not found.";

    private final PatientRepository patients;
    private final IdentificationCipher cipher;
    private final AuditWriter audit;
    private final TenantContext tenant;

    private final ClinicTransactions transactions;
    private final Clock clock;

    public PatientService(
            PatientRepository patients,
            IdentificationCipher cipher,
            AuditWriter audit,
            TenantContext tenant,
            ClinicTransactions transactions,
            Clock clock) {
        this.clock = clock;

        this.transactions = transactions;
        this.patients = patients;
        this.cipher = cipher;
        this.audit = audit;
        this.tenant = tenant;
    }

    public Uni<Page<Patient>> list(PageRequest page, String status, String gender, String search, String orderBy) {
        String pattern = Search.containsPattern(search);
        Where where = Where.all()
                .andIf(status, "status = :status", "status")
                .andIf(gender, "gender = :gender", "gender")
                .andIf(pattern, "searchText like :p" + Search.ESCAPE, "p");
        if (status == null && gender == null && pattern == null) {
            return transactions.run(() -> patients.pageOfAll(orderBy, page));
        }
        return transactions.run(() -> patients.page(where, orderBy, page));
    }

    /** The clinic's patient figures for the gateway's reports: all, active, registered in {@code [from, to)}. */
    public Uni<PatientStats> stats(Instant from, Instant to) {
        return transactions.run(() -> patients.stats(from, to));
    }

    public Uni<Patient> get(long id) {
        return transactions.run(() -> patients.findOwnedOrThrow(id, NOT_FOUND));
    }

    /** The record number is taken in the same transaction as the insert. */
    public Uni<Patient> create(PatientRequest request) {
        return transactions.run(() -> patients.nextNumber().chain(number -> {
            Patient patient = new Patient();
            patient.medicalRecordNumber = String.format("P-%06d", number);
            patient.registeredBy = tenant.userId();
            patient.doctorName = tenant.name();
            patient.registrationDate = clock.instant();
            patient.updatedAt = patient.registrationDate;
            ChangeSet changes = apply(patient, request, true);
            return patients.persist(patient)
                    .call(patients::flush)
                    .call(p -> audit.record("create", "patient", p.id, changes.fields()));
        }));
    }

    /** PUT and PATCH: read, merge and write in one transaction; the version refuses a concurrent writer. */
    public Uni<Patient> update(long id, UnaryOperator<PatientRequest> edit, String ifMatch) {
        return transactions.run(() -> patients.findOwnedOrThrow(id, NOT_FOUND).chain(patient -> {
            Etags.requireMatch(ifMatch, patient.version);
            ChangeSet changes = apply(patient, edit.apply(PatientRequest.of(patient)), false);
            return audit.changed(patient, changes, () -> patient.updatedAt = clock.instant(), "update", "patient", id);
        }));
    }

    /** Soft delete: gone from the API (404, lists, counts), kept in the database. */
    public Uni<Void> delete(long id) {
        return transactions.run(() -> patients.findOwnedOrThrow(id, NOT_FOUND).chain(patient -> {
            return audit.deleted(patient, () -> patient.deletedAt = clock.instant(), "patient", id)
                    .replaceWithVoid();
        }));
    }

    private ChangeSet apply(Patient p, PatientRequest r, boolean creating) {
        ChangeSet changes = new ChangeSet()
                .set("patient_name", p.patientName, r.patientName().trim(), v -> p.patientName = v)
                .set("date_of_birth", p.dateOfBirth, r.dateOfBirth(), v -> p.dateOfBirth = v)
                .set("gender", p.gender, r.gender(), v -> p.gender = v)
                .set("blood_group", p.bloodGroup, r.bloodGroup(), v -> p.bloodGroup = v)
                .set("phone_number", p.phoneNumber, r.phoneNumber(), v -> p.phoneNumber = v)
                .set("email", p.email, r.email(), v -> p.email = v)
                .set("address", p.address, r.address(), v -> p.address = v)
                .set("city", p.city, r.city(), v -> p.city = v)
                .set("state", p.state, r.state(), v -> p.state = v)
                .set("zip_code", p.zipCode, r.zipCode(), v -> p.zipCode = v)
                .set(
                        "emergency_contact_name",
                        p.emergencyContactName,
                        r.emergencyContactName(),
                        v -> p.emergencyContactName = v)
                .set(
                        "emergency_contact_phone",
                        p.emergencyContactPhone,
                        r.emergencyContactPhone(),
                        v -> p.emergencyContactPhone = v)
                .set("identification_type", p.identificationType, r.identificationType(), v -> p.identificationType = v)
                .set(
                        "status",
                        creating ? null : p.status,
                        r.status() == null ? (creating ? "active" : p.status) : r.status(),
                        v -> p.status = v);
        if (r.identificationNumber() != null) {
            String number = r.identificationNumber();
            p.identificationNumberEncrypted = cipher.encrypt(number);
            p.identificationNumberLength = number.length();
            p.identificationNumberLast4 = number.substring(number.length() - 4);
            changes.set("identification_number", null, "changed", v -> {});
        }
        return changes;
    }
}
