package org.clinic.consultations.consultation;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's consultations. */
@Singleton
public class ConsultationRepository extends TenantScopedRepository<Consultation> {

    ConsultationRepository(TenantContext tenant) {
        super(Consultation.class, tenant);
    }

    /** Consultations and prescriptions created in {@code [from, to)}, per doctor: counted in SQL. */
    public Uni<java.util.List<DayCounts>> dayCounts(java.time.Instant from, java.time.Instant to) {
        return nativeRows(
                        "select coalesce(c.doctor_id, p.doctor_id), coalesce(c.n, 0), coalesce(p.n, 0) from"
                                + " (select doctor_id, count(*) n from consultation where clinic_id = :clinicId"
                                + " and created_at >= :from and created_at < :to group by doctor_id) c"
                                + " full join (select doctor_id, count(*) n from prescription where clinic_id = :clinicId"
                                + " and created_at >= :from and created_at < :to group by doctor_id) p"
                                + " on p.doctor_id = c.doctor_id order by 1",
                        java.util.Map.of(
                                "from", java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC),
                                "to", java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC)))
                .map(rows -> rows.stream()
                        .map(r -> new DayCounts(
                                ((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                        .toList());
    }

    /** One doctor's consultations and prescriptions of a day. */
    public record DayCounts(long doctor, long consultations, long prescriptions) {}
}
