package org.clinic.doctors.live;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.clinic.common.persistence.ClinicOwned;

/** One visit change as the streams send it (API.md §7): written in the transaction of the change. */
@Entity
@Table(name = "visit_event")
public class VisitEvent extends ClinicOwned {

    public static final String CHECKED_IN = "visit.checked_in";
    public static final String TRANSITION = "visit.transition";
    /** A waiting visit's priority or doctor changed (API.md §8). */
    public static final String UPDATED = "visit.updated";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Per clinic, in commit order: the SSE id. */
    @Column(name = "event_id", updatable = false)
    public long eventId;

    @Column(updatable = false)
    public String type;

    @Column(name = "visit_id", updatable = false)
    public long visitId;

    /** The visit's doctor when it changed: the queue stream of that doctor carries it. */
    @Column(name = "doctor_id", updatable = false)
    public Long doctorId;

    /** The visit's doctor before a transfer: that doctor's queue stream carries it too (API.md §8). */
    @Column(name = "previous_doctor_id", updatable = false)
    public Long previousDoctorId;

    /** The visit exactly as visits/{id}/ returns it (JSON, without envelope). */
    @Column(updatable = false)
    public String payload;

    @Column(updatable = false)
    public Instant at;
}
