package org.clinic.gateway.auth;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.auth.TokenResource.LoginRequest;
import org.clinic.gateway.auth.TokenResource.RefreshRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** Login and refresh on a clinic's own path: only that clinic's users get tokens here. */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/auth")
@Tag(name = ApiTags.IDENTITY)
public class ClinicTokenResource {

    private final TokenService tokens;

    ClinicTokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Log in to one clinic and get its tokens")
    public Uni<Envelope<TokenResponse>> obtainClinicToken(
            @PathParam("clinic_id") long clinicId, @NotNull @Valid LoginRequest request) {
        return tokens.login(request.username(), request.password(), clinicId).map(TokenResource::issued);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for new tokens of one clinic")
    public Uni<Envelope<TokenResponse>> refreshClinicToken(
            @PathParam("clinic_id") long clinicId, @NotNull @Valid RefreshRequest request) {
        return tokens.refresh(request.refresh(), clinicId).map(TokenResource::refreshed);
    }
}
