package org.clinic.gateway.clinic;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;

/**
 * Clinics are the tenants themselves, so this repository is not tenant-scoped: the tenant
 * filter has already checked that the path's clinic is the caller's (or the caller is a
 * superuser), and only a superuser lists them all.
 */
@ApplicationScoped
class ClinicRepository implements PanacheRepository<Clinic> {
}
