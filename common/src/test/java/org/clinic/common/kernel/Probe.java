package org.clinic.common.kernel;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.clinic.common.persistence.ClinicOwned;

/** A minimal clinic-owned entity that exercises the kernel in its own tests. */
@Entity
public class Probe extends ClinicOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public int quantity;

    @Version
    public long version;
}
