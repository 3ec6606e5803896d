package org.clinic.doctors.doctor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import org.clinic.common.persistence.ClinicOwned;

/** A doctor's profile in one clinic, tied to a gateway user with role {@code doctor}. */
@Entity
public class Doctor extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public Long userId;

    /** The user's full name, copied from the gateway whenever the profile is written. */
    @Column(name = "user_name")
    public String userName;

    public String specialization = "";

    @Column(name = "license_number")
    public String licenseNumber;

    public String qualification = "";

    @Column(name = "experience_years")
    public int experienceYears;

    @Column(name = "is_active")
    public boolean active = true;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
