package org.clinic.consultations.testreport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import org.clinic.common.persistence.ClinicOwned;

/** A patient's test result. Deletes are soft ({@code deletedAt}). */
@Entity
@Table(name = "test_report")
public class TestReport extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", updatable = false)
    public Long patientId;

    @Column(name = "test_name")
    public String testName;

    public String result = "";
    public String unit = "";

    @Column(name = "reference_range")
    public String referenceRange = "";

    @Column(name = "report_date")
    public LocalDate reportDate;

    public String status = "pending";

    @Column(name = "created_by", updatable = false)
    public Long createdBy;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    public long version;
}
