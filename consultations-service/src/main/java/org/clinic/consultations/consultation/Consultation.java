package org.clinic.consultations.consultation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.clinic.common.persistence.ClinicOwned;

/** A doctor's consultation with a patient, optionally for a visit. */
@Entity
public class Consultation extends ClinicOwned {

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

    @Column(name = "visit_id", updatable = false)
    public Long visitId;

    @Column(name = "chief_complaint")
    public String chiefComplaint = "";

    public String diagnosis = "";
    public String notes = "";

    @Column(name = "bp_systolic")
    public Integer bpSystolic;

    @Column(name = "bp_diastolic")
    public Integer bpDiastolic;

    public Integer pulse;

    @Column(name = "temperature_c")
    public BigDecimal temperatureC;

    @Column(name = "weight_kg")
    public BigDecimal weightKg;

    @Column(name = "height_cm")
    public BigDecimal heightCm;

    public Integer spo2;

    @Column(name = "follow_up_date")
    public LocalDate followUpDate;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    Vitals vitals() {
        return new Vitals(bpSystolic, bpDiastolic, pulse, temperatureC, weightKg, heightCm, spo2);
    }
}
