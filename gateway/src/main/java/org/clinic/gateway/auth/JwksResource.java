package org.clinic.gateway.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.jboss.resteasy.reactive.Cache;

/**
 * The public keys that verify access tokens. A bare JWKS document, not the envelope: JWT
 * libraries (and the services' SmallRye JWT) read this standard format directly.
 */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces("application/json")
    @Cache(maxAge = 300)
    public String jwks() {
        return keys.jwks();
    }
}
