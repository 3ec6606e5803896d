package org.clinic.gateway.auth;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** Token endpoints (API.md §2). Login and refresh are open; logout needs a valid access token. */
@Cancellable(false)
@Path("/api/v1/auth")
@Tag(name = ApiTags.IDENTITY)
public class TokenResource {

    public record LoginRequest(
            @NotBlank @Size(max = 150) String username,
            @NotBlank @Size(max = 128) String password) {}

    /** Any length: a string that is not a live refresh token is a 401 like any other (the 1 MiB body limit holds). */
    public record RefreshRequest(@NotBlank String refresh) {}

    private final TokenService tokens;
    private final TenantContext tenant;

    TokenResource(TokenService tokens, TenantContext tenant) {
        this.tokens = tokens;
        this.tenant = tenant;
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Log in and get an access and a refresh token")
    public Uni<Envelope<TokenResponse>> obtainToken(@NotNull @Valid LoginRequest request) {
        return tokens.login(request.username(), request.password(), null).map(TokenResource::issued);
    }

    @POST
    @Path("/token/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for new tokens")
    public Uni<Envelope<TokenResponse>> refreshToken(@NotNull @Valid RefreshRequest request) {
        return tokens.refresh(request.refresh(), null).map(TokenResource::refreshed);
    }

    @POST
    @Path("/logout")
    @APIResponse(responseCode = "204", description = "Logged out: the refresh token is revoked")
    @Operation(summary = "Log out by revoking a refresh token")
    public Uni<RestResponse<Void>> logout(@NotNull @Valid RefreshRequest request) {
        return tokens.logout(request.refresh(), tenant.userId()).map(ignored -> RestResponse.noContent());
    }

    static Envelope<TokenResponse> issued(TokenResponse data) {
        return Envelope.ok("Login successful", data);
    }

    static Envelope<TokenResponse> refreshed(TokenResponse data) {
        return Envelope.ok("Token refreshed", data);
    }
}
