package org.clinic.patients.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.clinic.common.persistence.NotTenantScoped;
import org.hibernate.annotations.Immutable;

/**
 * How many live patients a clinic has: the {@code live_patients} column of its counter row, kept by the
 * triggers of V4 in every writing transaction. Read-only here; the unfiltered patient list takes its total
 * from it instead of counting the clinic's patients.
 */
@Entity
@Immutable
@Table(name = "patient_number_counter")
@NotTenantScoped("one row per clinic, keyed by the clinic: read only through TenantScopedRepository.clinicRow with the"
        + " request's clinic, and row-level security holds it to that clinic too")
public class LivePatients {

    @Id
    @Column(name = "clinic_id")
    Long clinicId;

    @Column(name = "live_patients")
    long count;
}
