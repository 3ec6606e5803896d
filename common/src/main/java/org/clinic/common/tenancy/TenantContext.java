package org.clinic.common.tenancy;

import jakarta.enterprise.context.RequestScoped;
import org.clinic.common.error.Forbidden;

/**
 * The clinic and caller of the current request, set once by {@link TenantFilter} from the
 * verified token and the path. Code reads the clinic only from here; asking for it when
 * no clinic was resolved fails closed.
 */
@RequestScoped
public class TenantContext {

    private Long clinicId;
    private Long userId;
    private String role;
    private String name;
    private java.time.Instant expiresAt;

    void resolve(Long clinicId, Long userId, String role, String name, java.time.Instant expiresAt) {
        this.clinicId = clinicId;
        this.userId = userId;
        this.role = role;
        this.name = name;
        this.expiresAt = expiresAt;
    }

    /** When the caller's access token expires (a live stream ends then, API.md §7). */
    public java.time.Instant expiresAt() {
        return expiresAt == null ? java.time.Instant.now() : expiresAt;
    }

    /** The caller's full name from the token's {@code name} claim (for "registered by" fields). */
    public String name() {
        return name;
    }

    /** The clinic of this request; throws (403) when the request is not under a clinic. */
    public long clinicId() {
        if (clinicId == null) {
            throw new Forbidden("No clinic was resolved for this request.");
        }
        return clinicId;
    }

    public boolean hasClinic() {
        return clinicId != null;
    }

    /** The caller's user id, or null for an anonymous request. */
    public Long userId() {
        return userId;
    }

    public String role() {
        return role;
    }

    public boolean isSuperuser() {
        return Roles.SUPERUSER.equals(role);
    }
}
