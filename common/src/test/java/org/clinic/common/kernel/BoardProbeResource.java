package org.clinic.common.kernel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;

/** Stands at the queue board's paths (API.md §7), the only ones a display device may reach. */
@Path("/api/v1/clinics/{clinic_id}/queue-board")
public class BoardProbeResource {

    private final TenantContext tenant;

    BoardProbeResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    public Envelope<String> board() {
        return Envelope.ok("Board", tenant.clinicId() + ":" + tenant.role());
    }

    @GET
    @Path("/stream")
    public Envelope<String> stream() {
        return Envelope.ok("Board stream", tenant.clinicId() + ":" + tenant.role());
    }
}
