package org.clinic.gateway.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import org.clinic.common.persistence.NotTenantScoped;

/** A clinic: the tenant. Its id is the {@code clinic_id} every other record carries. */
@NotTenantScoped("the tenant itself")
@Entity
public class Clinic {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String slug;
    public String email;

    @Column(name = "phone_number")
    public String phoneNumber;

    public String address;
    public String city;
    public String state;

    @Column(name = "zip_code")
    public String zipCode;

    @Column(name = "registration_number")
    public String registrationNumber;

    public String gstin;
    public String timezone = "UTC";

    @Column(name = "is_active")
    public boolean active = true;

    @Column(name = "rate_limit_per_hour")
    public Integer rateLimitPerHour;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Version
    public long version;
}
