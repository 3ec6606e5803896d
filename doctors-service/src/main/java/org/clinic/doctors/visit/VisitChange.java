package org.clinic.doctors.visit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.clinic.common.persistence.ClinicOwned;

/** One entry of a visit's history (API.md §8): a check-in, a status, a priority or a doctor that changed. */
@Entity
@Table(name = "visit_history")
public class VisitChange extends ClinicOwned {

    public static final String CHECKED_IN = "checked_in";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String TRANSFER = "transfer";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "visit_id", updatable = false)
    public Long visitId;

    @Column(updatable = false)
    public Instant at;

    @Column(name = "actor_id", updatable = false)
    public Long actorId;

    @Column(name = "actor_role", updatable = false)
    public String actorRole;

    @Column(updatable = false)
    public String kind;

    @Column(name = "from_value", updatable = false)
    public String from;

    @Column(name = "to_value", updatable = false)
    public String to;

    @Column(updatable = false)
    public String reason;
}
