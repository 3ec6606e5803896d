package org.clinic.gateway.clinic;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.NotFound;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.Search;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Etags;
import org.clinic.gateway.auth.AccountStatus;
import org.clinic.gateway.auth.RefreshTokens;

/** Clinics: created and listed by the platform operator, kept up to date by their admins. */
@ApplicationScoped
@NotTenantScoped("clinics are the tenants themselves: the superuser lists and creates them across the platform")
public class ClinicService {

    private final ClinicRepository clinics;
    private final AuditWriter audit;
    private final TenantContext tenant;
    private final RefreshTokens refreshTokens;
    private final AccountStatus accountStatus;
    private final Clock clock;

    public ClinicService(
            ClinicRepository clinics,
            AuditWriter audit,
            TenantContext tenant,
            RefreshTokens refreshTokens,
            AccountStatus accountStatus,
            Clock clock) {
        this.clock = clock;
        this.clinics = clinics;
        this.audit = audit;
        this.tenant = tenant;
        this.refreshTokens = refreshTokens;
        this.accountStatus = accountStatus;
    }

    @WithSession
    public Uni<Page<Clinic>> list(PageRequest page, String search, String orderBy) {
        String pattern = Search.containsPattern(search);
        String where = pattern == null
                ? "1 = 1"
                : "(lower(name) like :p" + Search.ESCAPE + " or lower(slug) like :p" + Search.ESCAPE + ")";
        Parameters params = pattern == null ? new Parameters() : Parameters.with("p", pattern);
        return clinics.count(where, params).chain(total -> {
            Page.requireExists(page, total);
            return clinics.find(where + " order by " + orderBy, params)
                    .range(page.offset(), page.offset() + page.pageSize() - 1)
                    .list()
                    .map(rows -> new Page<>(rows, total, page));
        });
    }

    @WithSession
    public Uni<Clinic> get(long id) {
        return clinics.findById(id).onItem().ifNull().failWith(() -> new NotFound("Clinic not found."));
    }

    @WithTransaction
    public Uni<Clinic> create(ClinicRequest request) {
        Clinic clinic = new Clinic();
        String slug = request.slug() != null ? request.slug() : slugify(request.name());
        return requireFreeSlug(slug, null).chain(() -> {
            ChangeSet changes = apply(clinic, request, true);
            clinic.slug = slug;
            clinic.createdAt = clock.instant();
            return clinics.persist(clinic)
                    .call(c -> audit.record(
                            c.id, tenant.userId(), tenant.role(), "create", "clinic", c.id, changes.fields()));
        });
    }

    /**
     * PUT and PATCH: {@code edit} turns the current writable fields into the new ones. Reading,
     * merging and writing happen in one transaction, and the version column refuses a concurrent
     * writer, so no change is silently lost.
     */
    public Uni<Clinic> update(long id, UnaryOperator<ClinicRequest> edit, String ifMatch) {
        return Panache.withTransaction(() -> clinics.findById(id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new NotFound("Clinic not found."))
                        .chain(clinic -> {
                            Etags.requireMatch(ifMatch, clinic.version);
                            ClinicRequest request = edit.apply(ClinicRequest.of(clinic));
                            String slug = request.slug() != null ? request.slug() : clinic.slug;
                            return requireFreeSlug(slug, clinic.id).chain(() -> write(clinic, request, slug));
                        }))
                .invoke(clinic -> accountStatus.forgetAll());
    }

    private Uni<Clinic> write(Clinic clinic, ClinicRequest request, String slug) {
        ChangeSet changes = apply(clinic, request, false);
        changes.set("slug", clinic.slug, slug, v -> clinic.slug = v);
        if (changes.isEmpty()) {
            return Uni.createFrom().item(clinic);
        }
        // deactivation stops every refresh token of the clinic's users in the same transaction
        Uni<Void> revoke = changes.contains("is_active") && !clinic.active
                ? refreshTokens.revokeAllOfClinic(clinic.id)
                : Uni.createFrom().voidItem();
        return revoke.chain(() -> clinics.flush())
                .call(() -> audit.record(
                        clinic.id, tenant.userId(), tenant.role(), "update", "clinic", clinic.id, changes.fields()))
                .replaceWith(clinic);
    }

    private ChangeSet apply(Clinic c, ClinicRequest r, boolean creating) {
        ChangeSet changes = new ChangeSet()
                .set("name", c.name, r.name(), v -> c.name = v)
                .set("email", c.email, r.email(), v -> c.email = v)
                .set("phone_number", c.phoneNumber, r.phoneNumber(), v -> c.phoneNumber = v)
                .set("address", c.address, r.address(), v -> c.address = v)
                .set("city", c.city, r.city(), v -> c.city = v)
                .set("state", c.state, r.state(), v -> c.state = v)
                .set("zip_code", c.zipCode, r.zipCode(), v -> c.zipCode = v)
                .set("registration_number", c.registrationNumber, r.registrationNumber(), v -> c.registrationNumber = v)
                .set("gstin", c.gstin, r.gstin(), v -> c.gstin = v)
                .set("timezone", c.timezone, r.timezone() == null ? "UTC" : r.timezone(), v -> c.timezone = v);
        // written only by a superuser; sent by anyone else they are ignored (API.md §2)
        if (tenant.isSuperuser()) {
            changes.set(
                    "is_active",
                    c.active,
                    r.isActive() == null ? (creating || c.active) : r.isActive(),
                    v -> c.active = v);
            changes.set("rate_limit_per_hour", c.rateLimitPerHour, r.rateLimitPerHour(), v -> c.rateLimitPerHour = v);
        }
        return changes;
    }

    private Uni<Void> requireFreeSlug(String slug, Long ownId) {
        return clinics.find("slug", slug)
                .firstResult()
                .invoke(existing -> {
                    if (existing != null && !existing.id.equals(ownId)) {
                        throw new Conflict("A clinic with this slug already exists.");
                    }
                })
                .replaceWithVoid();
    }

    static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "clinic";
        }
        return slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
    }
}
