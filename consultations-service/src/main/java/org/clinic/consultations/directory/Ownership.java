package org.clinic.consultations.directory;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;

/**
 * "Own only" (API.md §4): a doctor sees and changes only the records of their own profile; an
 * admin or superuser sees all. Another doctor's single record is a 404, and is left out of lists.
 */
@ApplicationScoped
public class Ownership {

    private final DoctorsClient doctors;
    private final TenantContext tenant;

    public Ownership(DoctorsClient doctors, TenantContext tenant) {
        this.doctors = doctors;
        this.tenant = tenant;
    }

    /** The condition that limits a query to what the caller may see ({@code doctorId} of the entity). */
    public Uni<Where> visible() {
        if (!Roles.DOCTOR.equals(tenant.role())) {
            return Uni.createFrom().item(Where.all());
        }
        return doctors.callerDoctor().map(doctor -> Where.of("doctorId = :ownDoctor", "ownDoctor", doctor.id()));
    }
}
