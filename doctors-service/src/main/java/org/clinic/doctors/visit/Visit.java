package org.clinic.doctors.visit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import org.clinic.common.persistence.ClinicOwned;

/** A patient's visit: checked in with a token number of the clinic's local day, then moved through its states. */
@Entity
public class Visit extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", updatable = false)
    public Long patientId;

    @Column(name = "patient_name", updatable = false)
    public String patientName;

    @Column(name = "assigned_doctor_id")
    public Long assignedDoctorId;

    @Column(name = "token_number", updatable = false)
    public int tokenNumber;

    @Column(updatable = false)
    public String purpose = "";

    public String status = VisitStatus.CHECKED_IN.wire();

    /** {@link VisitPriority#wire()}; the database keeps its rank ({@code priority_rank}) for queue order. */
    public String priority = VisitPriority.NORMAL.wire();

    @Column(name = "priority_rank", insertable = false, updatable = false)
    public Short priorityRank;

    /** The clinic's local day of the check-in. */
    @Column(name = "visit_day", updatable = false)
    public LocalDate visitDay;

    @Column(name = "check_in_date", updatable = false)
    public Instant checkInDate;

    @Column(name = "checked_in_by", updatable = false)
    public Long checkedInBy;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
