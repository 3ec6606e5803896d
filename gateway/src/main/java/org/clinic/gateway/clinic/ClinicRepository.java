package org.clinic.gateway.clinic;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.persistence.NotTenantScoped;

/**
 * Clinics are the tenants themselves, so this repository is not tenant-scoped: the tenant
 * filter has already checked that the path's clinic is the caller's (or the caller is a
 * superuser), and only a superuser lists them all.
 */
@NotTenantScoped("clinics are the tenants; the tenant filter has matched the path clinic to the caller")
@ApplicationScoped
class ClinicRepository implements PanacheRepository<Clinic> {}
