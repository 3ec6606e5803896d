package org.clinic.gateway.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.clinic.common.apidocs.ApiTags;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * The public keys that verify access tokens. A bare JWKS document, not the envelope: JWT
 * libraries (and the services' SmallRye JWT) read this standard format directly.
 */
@Cancellable(false)
@Path("/.well-known/jwks.json")
@Tag(name = ApiTags.IDENTITY)
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces("application/json")
    @Cache(maxAge = 300)
    @APIResponse(
            responseCode = "200",
            description = "The JSON Web Key Set (RFC 7517) of the token signing keys, the active one first",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    @Operation(summary = "Public keys that verify access tokens (JWKS)")
    public String getJwks() {
        return keys.jwks();
    }
}
