package org.clinic.consultations.prescription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import org.clinic.common.persistence.ClinicOwned;

/** A prescription; its medicines are rows of {@link Medicine}, written in the same transaction. */
@Entity
public class Prescription extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", updatable = false)
    public Long patientId;

    @Column(name = "patient_name", updatable = false)
    public String patientName;

    @Column(name = "doctor_id", updatable = false)
    public Long doctorId;

    @Column(name = "doctor_name", updatable = false)
    public String doctorName;

    @Column(name = "consultation_id", updatable = false)
    public Long consultationId;

    @Column(name = "prescription_date", updatable = false)
    public LocalDate prescriptionDate;

    public String status = "active";
    public String notes = "";

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
