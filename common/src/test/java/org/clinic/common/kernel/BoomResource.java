package org.clinic.common.kernel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Fails the way a bug would, to prove the body of a 500 reveals nothing. */
@Path("/api/v1/boom")
public class BoomResource {

    @GET
    public String boom() {
        throw new IllegalStateException(
                "org.postgresql.util.PSQLException: relation secret_table at db-internal-7:5432");
    }
}
