package org.clinic.common.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code audit-events/local/}: this process's part of a clinic's audit list, for the gateway's
 * {@code audit-events/} to merge (not a public route: the gateway does not forward it). Same
 * roles and tenant rule as the public list; instants only ({@code from}/{@code to}, inclusive),
 * dates having been turned into the clinic's local day by the gateway.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/audit-events/local")
public class LocalAuditResource {

    private final AuditEvents events;
    private final TenantContext tenant;

    public LocalAuditResource(AuditEvents events, TenantContext tenant) {
        this.events = events;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "This service's audit events, for the gateway's list (internal)")
    public Uni<Envelope<LocalAuditPage>> listLocalAuditEvents(@Context UriInfo uri) {
        AuditQuery query = new AuditQuery(
                QueryParams.id(uri, "actor"),
                QueryParams.oneOf(uri, "resource_type", AuditQuery.RESOURCE_TYPES),
                QueryParams.id(uri, "resource_id"),
                QueryParams.oneOf(uri, "action", AuditQuery.ACTIONS),
                instant(uri, "from"),
                instant(uri, "to"),
                limit(uri));
        return events.list(tenant.clinicId(), query)
                .map(page -> Envelope.ok("Audit events retrieved successfully", page));
    }

    private static Instant instant(UriInfo uri, String name) {
        String value = uri.getQueryParameters().getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequest.field(name, "must be an ISO-8601 instant");
        }
    }

    private static int limit(UriInfo uri) {
        String value = uri.getQueryParameters().getFirst("limit");
        try {
            int limit = value == null ? 50 : Integer.parseInt(value);
            if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidRequest.field("limit", "must be an integer from 1 to " + AuditQuery.MAX_LIMIT);
    }
}
