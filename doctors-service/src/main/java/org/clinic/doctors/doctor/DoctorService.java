package org.clinic.doctors.doctor;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.Conflict;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.Search;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Etags;
import org.clinic.doctors.identity.GatewayApi;
import org.clinic.doctors.identity.UsersClient;

/** Doctor profiles (API.md §3 "Doctors and queues"). */
@ApplicationScoped
public class DoctorService {

    static final String NOT_FOUND = "Doctor not found.";

    private final DoctorRepository doctors;
    private final UsersClient users;
    private final AuditWriter audit;
    private final TenantContext tenant;

    private final ClinicTransactions transactions;
    private final Clock clock;

    public DoctorService(
            DoctorRepository doctors,
            UsersClient users,
            AuditWriter audit,
            TenantContext tenant,
            ClinicTransactions transactions,
            Clock clock) {
        this.clock = clock;

        this.transactions = transactions;
        this.doctors = doctors;
        this.users = users;
        this.audit = audit;
        this.tenant = tenant;
    }

    public Uni<Page<Doctor>> list(PageRequest page, Boolean active, String search, String orderBy) {
        Where where = Where.all().andIf(active, "active = :active", "active");
        String pattern = Search.containsPattern(search);
        if (pattern != null) {
            where.and(
                    "lower(userName) like :p" + Search.ESCAPE + " or lower(specialization) like :p" + Search.ESCAPE,
                    "p",
                    pattern);
        }
        return transactions.run(() -> doctors.page(where, orderBy, page));
    }

    public Uni<Doctor> get(long id) {
        return transactions.run(() -> doctors.findOwnedOrThrow(id, NOT_FOUND));
    }

    /** The caller's own profile in this clinic (active or not); 404 when they have none. */
    public Uni<Doctor> mine() {
        long userId = tenant.userId();
        return transactions
                .run(() -> doctors.byUser(userId))
                .onItem()
                .ifNull()
                .failWith(() -> new org.clinic.common.error.NotFound("You have no doctor profile in this clinic."));
    }

    /**
     * The user a new profile is for, checked with the gateway before any transaction opens (no connection waits on
     * HTTP, and a create's Idempotency-Key is claimed in the transaction that writes it: docs/decisions.md §24).
     */
    public Uni<GatewayApi.User> userFor(DoctorRequest request) {
        return users.activeDoctor(tenant.clinicId(), request.user());
    }

    public Uni<Doctor> create(DoctorRequest request, GatewayApi.User user) {
        return transactions.run(() -> requireUnique(request, null).chain(() -> {
            Doctor doctor = new Doctor();
            doctor.createdAt = clock.instant();
            doctor.updatedAt = doctor.createdAt;
            ChangeSet changes = apply(doctor, request, user, true);
            return doctors.persist(doctor)
                    .call(doctors::flush)
                    .call(d -> audit.record("create", "doctor", d.id, changes.fields()));
        }));
    }

    /**
     * PUT and PATCH. The user is re-read from the gateway on every write, which keeps
     * {@code user_name} in step with it; the write then applies only if nobody changed the
     * profile meanwhile (its version), else 409.
     */
    public Uni<Doctor> update(long id, UnaryOperator<DoctorRequest> edit, String ifMatch) {
        long clinicId = tenant.clinicId();
        return get(id).chain(current -> {
            Etags.requireMatch(ifMatch, current.version);
            long readVersion = current.version;
            DoctorRequest request = edit.apply(DoctorRequest.of(current));
            return users.activeDoctor(clinicId, request.user())
                    .chain(user -> transactions.run(
                            () -> doctors.findOwnedOrThrow(id, NOT_FOUND).chain(doctor -> {
                                if (doctor.version != readVersion) {
                                    throw new Conflict(
                                            "The doctor was changed by another request; reload it and retry.");
                                }
                                return requireUnique(request, id).chain(() -> write(doctor, request, user));
                            })));
        });
    }

    /**
     * Re-reads a user's name from the gateway into their profile (the gateway calls this after a
     * rename). Nothing to do without a profile; the body never carries the name, so it can't be forged.
     */
    public Uni<Void> refreshUser(long userId) {
        long clinicId = tenant.clinicId();
        return users.user(clinicId, userId)
                .chain(user -> transactions.run(() -> doctors.byUser(userId).chain(doctor -> {
                    if (doctor == null) {
                        return Uni.createFrom().voidItem();
                    }
                    ChangeSet changes = new ChangeSet()
                            .set("user_name", doctor.userName, user.displayName(), v -> doctor.userName = v);
                    return audit.changed(
                                    doctor,
                                    changes,
                                    () -> doctor.updatedAt = clock.instant(),
                                    "update",
                                    "doctor",
                                    doctor.id)
                            .replaceWithVoid();
                })));
    }

    /** DELETE deactivates: the profile stays readable and takes no new visits. */
    public Uni<Void> deactivate(long id) {
        return transactions.run(() -> doctors.findOwnedOrThrow(id, NOT_FOUND).chain(doctor -> {
            ChangeSet changes = new ChangeSet().set("is_active", doctor.active, false, v -> doctor.active = v);
            return audit.changed(doctor, changes, () -> doctor.updatedAt = clock.instant(), "delete", "doctor", id)
                    .replaceWithVoid();
        }));
    }

    private Uni<Doctor> write(Doctor doctor, DoctorRequest request, GatewayApi.User user) {
        ChangeSet changes = apply(doctor, request, user, false);
        return audit.changed(doctor, changes, () -> doctor.updatedAt = clock.instant(), "update", "doctor", doctor.id);
    }

    private static ChangeSet apply(Doctor d, DoctorRequest r, GatewayApi.User user, boolean creating) {
        return new ChangeSet()
                .set("user", d.userId, r.user(), v -> d.userId = v)
                .set("user_name", d.userName, user.displayName(), v -> d.userName = v)
                .set("specialization", d.specialization, orEmpty(r.specialization()), v -> d.specialization = v)
                .set("license_number", d.licenseNumber, r.licenseNumber().trim(), v -> d.licenseNumber = v)
                .set("qualification", d.qualification, orEmpty(r.qualification()), v -> d.qualification = v)
                .set(
                        "experience_years",
                        creating ? null : d.experienceYears,
                        r.experienceYears() == null ? 0 : r.experienceYears(),
                        v -> d.experienceYears = v)
                .set(
                        "is_active",
                        creating ? null : d.active,
                        r.isActive() == null ? (creating || d.active) : r.isActive(),
                        v -> d.active = v);
    }

    private Uni<Void> requireUnique(DoctorRequest request, Long ownId) {
        return doctors.clashing(request.licenseNumber().trim(), request.user(), ownId)
                .invoke(clash -> {
                    if (clash != null) {
                        throw new Conflict(
                                clash.userId.equals(request.user())
                                        ? "This user already has a doctor profile in this clinic."
                                        : "A doctor with this licence number already exists in this clinic.");
                    }
                })
                .replaceWithVoid();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
