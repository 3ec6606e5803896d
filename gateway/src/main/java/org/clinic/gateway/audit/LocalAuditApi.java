package org.clinic.gateway.audit;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.clinic.common.audit.LocalAuditPage;
import org.clinic.common.client.CallerHeaders;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

/** A service's part of the audit list ({@code common}'s LocalAuditResource), called with the caller's token. */
@Path("/api/v1/clinics/{clinic_id}/audit-events/local/")
@RegisterClientHeaders(CallerHeaders.class)
public interface LocalAuditApi {

    @GET
    Uni<Envelope<LocalAuditPage>> list(
            @PathParam("clinic_id") long clinicId,
            @QueryParam("actor") Long actor,
            @QueryParam("resource_type") String resourceType,
            @QueryParam("resource_id") Long resourceId,
            @QueryParam("action") String action,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") int limit);
}
