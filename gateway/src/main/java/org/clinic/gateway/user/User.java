package org.clinic.gateway.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.clinic.common.persistence.ClinicOwned;

/** A staff user of one clinic, or a platform superuser (no clinic). */
@Entity
@Table(name = "app_user")
public class User extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    @Column(name = "first_name")
    public String firstName = "";

    @Column(name = "last_name")
    public String lastName = "";

    public String email;
    public String role;

    @Column(name = "is_active")
    public boolean active = true;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "date_joined", updatable = false)
    public Instant dateJoined;

    /** Set by the database on every insert and update (V5): what an export's {@code since} compares. */
    @Column(name = "updated_at", insertable = false, updatable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public String fullName() {
        return (firstName + " " + lastName).trim();
    }
}
