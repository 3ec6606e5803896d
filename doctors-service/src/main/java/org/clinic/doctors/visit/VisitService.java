package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.NotFound;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.persistence.WriteStep;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Etags;
import org.clinic.doctors.doctor.Doctor;
import org.clinic.doctors.doctor.DoctorRepository;
import org.clinic.doctors.identity.ClinicsClient;
import org.clinic.doctors.live.VisitEvent;
import org.clinic.doctors.live.VisitEvents;
import org.hibernate.exception.ConstraintViolationException;

/** Visits, their token numbers and their state machine (API.md §3 "Doctors and queues"). */
@ApplicationScoped
public class VisitService {

    static final String NOT_FOUND = "Visit not found.";
    static final String NOT_BOOKABLE = "must be an active doctor of this clinic";
    /** A waiting queue's order (API.md §8): emergency, urgent, normal, then first come first served. */
    static final String QUEUE_ORDER = "priorityRank, checkInDate, id";

    /** A new visit and its place in its queue. */
    public record CheckedIn(Visit visit, long queuePosition) {}

    /** A doctor's waiting queue, and the estimate for its last patient (API.md §8; null when not known). */
    public record Queue(Doctor doctor, List<Visit> waiting, Integer estimatedWaitMinutes) {}

    private final VisitRepository visits;
    private final DoctorRepository doctors;
    private final PatientsClient patients;
    private final ClinicsClient clinics;
    private final AuditWriter audit;
    private final TenantContext tenant;
    private final Clock clock;

    private final ClinicTransactions transactions;
    private final VisitEvents events;
    private final VisitHistory history;

    public VisitService(
            VisitRepository visits,
            DoctorRepository doctors,
            PatientsClient patients,
            ClinicsClient clinics,
            AuditWriter audit,
            TenantContext tenant,
            Clock clock,
            ClinicTransactions transactions,
            VisitEvents events,
            VisitHistory history) {
        this.events = events;
        this.history = history;

        this.transactions = transactions;
        this.visits = visits;
        this.doctors = doctors;
        this.patients = patients;
        this.clinics = clinics;
        this.audit = audit;
        this.tenant = tenant;
        this.clock = clock;
    }

    /** A page of visits and the clinic's latest event id, read first: a stream opened with it misses nothing. */
    public record Listed<T>(T value, long lastEventId) {}

    public Uni<Listed<Page<Visit>>> list(PageRequest page, String status, Long doctor, Long patient, LocalDate day) {
        Where where = Where.all()
                .andIf(status, "status = :status", "status")
                .andIf(doctor, "assignedDoctorId = :doctor", "doctor")
                .andIf(patient, "patientId = :patient", "patient")
                .andIf(day, "visitDay = :day", "day");
        return transactions.run(
                () -> events.latestId().chain(latest -> visits.page(where, "checkInDate desc, id desc", page)
                        .map(found -> new Listed<>(found, latest))));
    }

    /** The clinic's visit figures of its local {@code day} and its queues now, for the gateway's reports. */
    public Uni<VisitStats> stats(LocalDate day) {
        return transactions.run(() -> visits.totals(day)
                .chain(totals -> visits.byDoctor(day).map(doctors -> new VisitStats(day, totals, doctors))));
    }

    public Uni<Visit> get(long id) {
        return transactions.run(() -> visits.findOwnedOrThrow(id, NOT_FOUND));
    }

    /**
     * What a check-in needs from outside this service, read before its transaction (docs/decisions.md §24: none is
     * held across a call to another service): the patient (patients-service) and the clinic's time zone (the
     * gateway), in parallel, with the caller's token. An inactive or deceased patient is refused here only (API.md
     * §3).
     */
    public record Arrival(long patientId, String patientName, ZoneId zone) {}

    /** {@code POST visits/}: the patient the body names; one this clinic does not have is a 400 naming {@code patient}. */
    public Uni<Arrival> arrivalOf(VisitRequests.CreateVisit request) {
        return arrival(request.patient(), () -> InvalidRequest.field("patient", PatientsClient.NOT_A_PATIENT));
    }

    /** {@code patients/{id}/check_in/}: the patient the path names; one this clinic does not have is a 404. */
    public Uni<Arrival> arrivalOf(long patientId) {
        return arrival(patientId, () -> new NotFound(PatientsClient.PATIENT_NOT_FOUND));
    }

    private Uni<Arrival> arrival(long patientId, Supplier<RuntimeException> noPatient) {
        long clinicId = tenant.clinicId();
        return Uni.combine()
                .all()
                .unis(patients.find(clinicId, patientId), clinics.zone(clinicId))
                .asTuple()
                .map(found -> {
                    PatientsApi.Patient patient = found.getItem1().orElseThrow(noPatient);
                    if (!"active".equals(patient.status())) {
                        throw new Conflict("An inactive or deceased patient cannot be checked in.");
                    }
                    return new Arrival(patientId, patient.patientName(), found.getItem2());
                });
    }

    /**
     * Checks in the patient of {@code arrival} ({@code POST visits/} and {@code patients/{id}/check_in/} alike), in
     * one transaction (joined by the caller's, when its Idempotency-Key is claimed in one) of two statements (issue
     * 25): the doctor's check with the day's token and the visit's id, then the visit with its history, audit event
     * and live event and its place in the queue. The day's token locks the clinic's counter row until commit, so
     * concurrent check-ins of the clinic queue there. A second open visit of the patient that day is refused by the
     * unique index {@value #ONE_OPEN_VISIT} when the visit is written (a 409, its token given back by the rollback):
     * no statement looks for one first, which also covers a duplicate being committed at that moment.
     */
    public Uni<CheckedIn> open(Arrival arrival, Long doctorId, String purpose, VisitPriority priority) {
        Instant now = clock.instant();
        LocalDate day = now.atZone(arrival.zone()).toLocalDate();
        return transactions.run(
                () -> visits.takeToken(day, arrival.zone(), doctorId).chain(taken -> {
                    if (taken == null) {
                        throw InvalidRequest.field("doctor", NOT_BOOKABLE);
                    }
                    Visit visit = visits.newVisit(taken);
                    visit.patientId = arrival.patientId();
                    visit.patientName = arrival.patientName();
                    visit.assignedDoctorId = doctorId;
                    visit.purpose = purpose == null ? "" : purpose.trim();
                    visit.priority = priority.wire();
                    visit.priorityRank = (short) priority.rank();
                    visit.visitDay = day;
                    visit.checkInDate = now;
                    visit.checkedInBy = tenant.userId();
                    visit.updatedAt = now;
                    List<WriteStep> with = new ArrayList<>();
                    with.add(audit.step("check_in", "visit", visit.id, List.of("status")));
                    with.add(history.noteStep(
                            visit, VisitChange.CHECKED_IN, null, VisitStatus.CHECKED_IN.wire(), null, now));
                    // the clinic's event counter only once the visit is written (VisitEventRepository.appendSteps)
                    with.addAll(events.steps(visit, VisitEvent.CHECKED_IN, VisitRepository.NEW_VISIT));
                    return visits.checkIn(visit, with, VisitEvents.EVENT_ID)
                            .onFailure(VisitService::isSecondOpenVisit)
                            .transform(e -> new Conflict("The patient already has an open visit today."))
                            .call(written -> events.pruneAfter(written.eventId()))
                            .map(written -> new CheckedIn(visit, written.queuePosition()));
                }));
    }

    /** V3's unique index of a patient's open visits (waiting or in consultation) of a day. */
    static final String ONE_OPEN_VISIT = "visit_open_per_patient";

    private static boolean isSecondOpenVisit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Hibernate Reactive reports a failed statement as Hibernate's exception (no PgException among its causes)
            if (cause instanceof ConstraintViolationException violation
                    && ONE_OPEN_VISIT.equals(violation.getConstraintName())) {
                return true;
            }
            if (cause instanceof PgException violation && ONE_OPEN_VISIT.equals(violation.getConstraint())) {
                return true;
            }
        }
        return false;
    }

    /** 400 for an unknown status, 403 for a role that may not make this move, 409 for an unreachable state. */
    public Uni<Visit> transition(long id, String requested) {
        VisitStatus target = VisitStatus.parse(requested)
                .orElseThrow(() -> InvalidRequest.field(
                        "status", "must be one of checked_in, in_consultation, completed, cancelled, no_show"));
        requireRoleMayMoveTo(target);
        return transactions.run(() -> visits.findOwnedOrThrow(id, NOT_FOUND)
                .chain(visit -> actingDoctor().chain(doctor -> {
                    if (doctor != null && visit.assignedDoctorId != null && !visit.assignedDoctorId.equals(doctor.id)) {
                        throw new Forbidden("This visit is assigned to another doctor.");
                    }
                    VisitStatus current = VisitStatus.parse(visit.status).orElseThrow();
                    if (!current.canMoveTo(target)) {
                        throw new Conflict(
                                "A visit that is " + current.wire() + " cannot become " + target.wire() + ".");
                    }
                    Instant now = clock.instant();
                    if (target == VisitStatus.IN_CONSULTATION) {
                        return start(visit, doctor == null ? null : doctor.id, now);
                    }
                    ChangeSet changes =
                            new ChangeSet().set("status", visit.status, target.wire(), v -> visit.status = v);
                    if (target == VisitStatus.COMPLETED) {
                        changes.set("completed_at", visit.completedAt, now, v -> visit.completedAt = v);
                    }
                    visit.updatedAt = now;
                    return visits.flush()
                            .call(() ->
                                    history.note(visit, VisitChange.STATUS, current.wire(), target.wire(), null, now))
                            .call(() -> audit.record("transition", "visit", visit.id, changes.fields()))
                            .call(() -> events.record(visit, VisitEvent.TRANSITION))
                            .replaceWith(visit);
                })));
    }

    /**
     * A waiting visit goes into consultation now, in the caller's transaction, with its history, audit event and live
     * update; an unassigned one becomes {@code doctorId}'s (a transfer in its history) when a doctor takes it.
     */
    private Uni<Visit> start(Visit visit, Long doctorId, Instant now) {
        String before = visit.status;
        ChangeSet changes = new ChangeSet()
                .set("status", visit.status, VisitStatus.IN_CONSULTATION.wire(), v -> visit.status = v)
                .set("started_at", visit.startedAt, now, v -> visit.startedAt = v);
        boolean taken = doctorId != null && visit.assignedDoctorId == null;
        if (taken) {
            changes.set("assigned_doctor", null, doctorId, v -> visit.assignedDoctorId = v);
        }
        visit.updatedAt = now;
        return visits.flush()
                .call(() ->
                        history.note(visit, VisitChange.STATUS, before, VisitStatus.IN_CONSULTATION.wire(), null, now))
                .call(() -> history.noteIf(taken, visit, VisitChange.TRANSFER, null, doctorId, null, now))
                .call(() -> audit.record("transition", "visit", visit.id, changes.fields()))
                .call(() -> events.record(visit, VisitEvent.TRANSITION))
                .replaceWith(visit);
    }

    /**
     * {@code doctors/{id}/queue/call-next/} (API.md §8): the head of the doctor's queue, or of the unassigned queue
     * when theirs is empty, moves to {@code in_consultation} as theirs, in one transaction with its audit event and
     * live update; null when nobody waits. The visit is taken with {@code FOR UPDATE} in queue order
     * (VisitRepository.lockNextWaiting): two calls at once (for one doctor or two) never take the same visit, each
     * takes one while there is one to take, and a head being changed right now is waited for, never passed over.
     */
    public Uni<Visit> callNext(long doctorId) {
        return transactions.run(() -> ownDoctor(doctorId, "A doctor may only call their own next patient.")
                .chain(doctor -> {
                    if (!doctor.active) {
                        throw new Conflict("This doctor is not active.");
                    }
                    return visits.lockNextWaiting(doctor.id);
                })
                .chain(next -> next == null
                        ? Uni.createFrom().<Visit>nullItem()
                        : visits.findOwnedOrThrow(next, NOT_FOUND)
                                .chain(visit -> start(visit, doctorId, clock.instant()))));
    }

    /**
     * {@code PATCH visits/{id}/} (API.md §8): a waiting visit's priority, or its doctor (a transfer: it keeps its
     * token, priority and check-in time, so it takes its fair place in the new queue; null is the unassigned queue).
     * The row is locked first, so a call-next or transition at the same moment either happens before (then this is a
     * 409: the visit no longer waits) or after. A doctor may change only a visit assigned to them, may hand it on and
     * raise its priority, not lower it. Each change is in the visit's history with the {@code reason}, audited, and a
     * {@code visit.updated} event for the clinic's stream and both doctors' queue streams, all in one transaction.
     */
    public Uni<Visit> update(long id, UnaryOperator<VisitRequests.UpdateVisit> edit, String ifMatch) {
        return transactions.run(() -> visits.lockOwned(id)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFound(NOT_FOUND))
                .chain(visit -> actingDoctor().chain(self -> {
                    if (self != null && !self.id.equals(visit.assignedDoctorId)) {
                        throw new Forbidden("A doctor may only change a visit assigned to them.");
                    }
                    Etags.requireMatch(ifMatch, visit.version);
                    if (!VisitStatus.CHECKED_IN.wire().equals(visit.status)) {
                        throw new Conflict("Only a waiting visit can be changed; this one is " + visit.status + ".");
                    }
                    VisitRequests.UpdateVisit wanted = edit.apply(VisitRequests.UpdateVisit.of(visit));
                    VisitPriority was = VisitPriority.parse(visit.priority).orElseThrow();
                    VisitPriority priority = VisitPriority.parse(wanted.priority())
                            .orElseThrow(() -> InvalidRequest.field("priority", VisitPriority.ALLOWED));
                    if (self != null && priority.rank() > was.rank()) {
                        throw new Forbidden("A doctor may raise a visit's priority, not lower it.");
                    }
                    Long from = visit.assignedDoctorId;
                    Long to = wanted.assignedDoctor();
                    boolean transfer = !Objects.equals(from, to);
                    boolean reprioritised = priority != was;
                    if (!transfer && !reprioritised) {
                        return Uni.createFrom().item(visit);
                    }
                    String reason = wanted.reason() == null || wanted.reason().isBlank()
                            ? null
                            : wanted.reason().trim();
                    return requireBookableDoctor(transfer ? to : null, "assigned_doctor")
                            .chain(() -> {
                                Instant now = clock.instant();
                                ChangeSet changes = new ChangeSet()
                                        .set("priority", visit.priority, priority.wire(), v -> visit.priority = v)
                                        .set("assigned_doctor", from, to, v -> visit.assignedDoctorId = v);
                                visit.updatedAt = now;
                                return visits.flush()
                                        .call(() -> history.noteIf(
                                                reprioritised,
                                                visit,
                                                VisitChange.PRIORITY,
                                                was.wire(),
                                                priority.wire(),
                                                reason,
                                                now))
                                        .call(() -> history.noteIf(
                                                transfer, visit, VisitChange.TRANSFER, from, to, reason, now))
                                        .call(() -> audit.record("update", "visit", visit.id, changes.fields()))
                                        .call(() -> events.record(visit, VisitEvent.UPDATED, transfer ? from : null))
                                        .replaceWith(visit);
                            });
                })));
    }

    /** {@code visits/{id}/history/}: the visit's changes in the order they happened; another clinic's visit is a 404. */
    public Uni<List<VisitChange>> history(long id) {
        return transactions.run(() -> visits.findOwnedOrThrow(id, NOT_FOUND).chain(visit -> history.of(visit.id)));
    }

    /** The waiting visits of a doctor in queue order (API.md §8); a doctor may see only their own queue. */
    public Uni<Listed<Queue>> queue(long doctorId) {
        return transactions.run(
                () -> events.latestId().chain(latest -> queueIn(doctorId).map(queue -> new Listed<>(queue, latest))));
    }

    /** 404 for a doctor of another clinic, 403 for another doctor's queue: what a queue stream checks first. */
    public Uni<Doctor> queueAllowed(long doctorId) {
        return transactions.run(() -> ownDoctor(doctorId, OWN_QUEUE));
    }

    private Uni<Queue> queueIn(long doctorId) {
        return ownDoctor(doctorId, OWN_QUEUE).chain(doctor -> visits.list(
                        Where.of("assignedDoctorId = :doctor and status = 'checked_in'", "doctor", doctorId),
                        QUEUE_ORDER)
                .chain(waiting -> visits.medianConsultationSeconds(doctorId, clock.instant())
                        .map(median -> new Queue(doctor, waiting, WaitEstimate.minutes(waiting.size(), median)))));
    }

    private static final String OWN_QUEUE = "A doctor may only see their own queue.";

    /**
     * The clinic's doctor {@code doctorId} (404 otherwise), for a caller who may act on it: any staff role, but a
     * doctor only on their own profile (403 with {@code refusal}).
     */
    private Uni<Doctor> ownDoctor(long doctorId, String refusal) {
        return doctors.findOwnedOrThrow(doctorId, "Doctor not found.")
                .call(doctor -> actingDoctor().invoke(self -> {
                    if (Roles.DOCTOR.equals(tenant.role()) && (self == null || !self.id.equals(doctor.id))) {
                        throw new Forbidden(refusal);
                    }
                }));
    }

    private void requireRoleMayMoveTo(VisitStatus target) {
        String role = tenant.role();
        boolean allowed =
                switch (role) {
                    case Roles.SUPERUSER, Roles.ADMIN -> true;
                    case Roles.DOCTOR -> target == VisitStatus.IN_CONSULTATION || target == VisitStatus.COMPLETED;
                    case Roles.RECEPTIONIST -> target == VisitStatus.CANCELLED || target == VisitStatus.NO_SHOW;
                    default -> false;
                };
        if (!allowed) {
            throw new Forbidden("Your role may not move a visit to " + target.wire() + ".");
        }
    }

    /** The caller's active doctor profile when the caller is a doctor; null for other roles. */
    private Uni<Doctor> actingDoctor() {
        if (!Roles.DOCTOR.equals(tenant.role())) {
            return Uni.createFrom().nullItem();
        }
        return doctors.byUser(tenant.userId()).invoke(profile -> {
            if (profile == null || !profile.active) {
                throw new Forbidden("You have no active doctor profile in this clinic.");
            }
        });
    }

    /** Nothing for null (the unassigned queue); else an active doctor of the clinic, or a 400 naming {@code field}. */
    private Uni<Void> requireBookableDoctor(Long doctorId, String field) {
        if (doctorId == null) {
            return Uni.createFrom().voidItem();
        }
        return doctors.findOwned(doctorId)
                .invoke(doctor -> {
                    if (doctor == null || !doctor.active) {
                        throw InvalidRequest.field(field, NOT_BOOKABLE);
                    }
                })
                .replaceWithVoid();
    }
}
