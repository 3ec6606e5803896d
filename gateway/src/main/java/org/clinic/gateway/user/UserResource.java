package org.clinic.gateway.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.error.Forbidden;
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.pagination.Ordering;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.clinic.common.web.PagedEnvelope;
import org.clinic.common.web.Patches;
import org.clinic.common.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /api/v1/clinics/{clinic_id}/users/} (API.md §2). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/users")
@Tag(name = ApiTags.CLINICS_AND_USERS)
public class UserResource {

    private static final Map<String, String> ORDERING = Map.of(
            "username",
            "lower(username), id",
            "-username",
            "lower(username) desc, id desc",
            "date_joined",
            "dateJoined, id",
            "-date_joined",
            "dateJoined desc, id desc");

    private final UserService users;
    private final Patches patches;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    UserResource(UserService users, Patches patches, TenantContext tenant, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.users = users;
        this.patches = patches;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Parameter(
            name = "role",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"admin", "doctor", "receptionist", "display"}))
    @Parameter(
            name = "is_active",
            in = ParameterIn.QUERY,
            description = "Only active (true) or deactivated (false) users",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(
            name = "search",
            in = ParameterIn.QUERY,
            description = "Case-insensitive, within the username, first or last name",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"username", "-username", "date_joined", "-date_joined"}))
    @Operation(summary = "List the clinic's staff users")
    public Uni<PagedEnvelope<UserResponse>> listUsers(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        String orderBy = Ordering.from(uri, ORDERING, "username");
        var query = uri.getQueryParameters();
        return users.list(
                        page,
                        QueryParams.oneOf(uri, "role", Roles.CLINIC_ROLES),
                        QueryParams.bool(uri, "is_active"),
                        query.getFirst("search"),
                        orderBy)
                .map(p -> p.map(UserResponse::of).envelope("Users retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Add a staff user to the clinic")
    public Uni<Response> createUser(
            @NotNull @Valid UserRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(
                idempotencyKey, "create-user", request, () -> users.passwordHashFor(request), hash -> users.create(
                                request, hash)
                        .map(u -> Responses.created(
                                Responses.childOf(uri, u.id), "User created successfully", UserResponse.of(u))));
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Operation(summary = "Get the signed-in user's own profile")
    public Uni<RestResponse<Envelope<UserResponse>>> getCurrentUser() {
        return users.me().map(u -> Responses.tagged("User retrieved successfully", UserResponse.of(u), u.version));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Operation(summary = "Get a staff user")
    public Uni<RestResponse<Envelope<UserResponse>>> getUser(@PathParam("id") long id) {
        if (!managesUsers() && id != tenant.userId()) {
            throw new Forbidden("You may only view your own profile.");
        }
        return users.get(id).map(u -> Responses.tagged("User retrieved successfully", UserResponse.of(u), u.version));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Replace a staff user's details")
    public Uni<RestResponse<Envelope<UserResponse>>> replaceUser(
            @PathParam("id") long id, @NotNull @Valid UserRequest request, @HeaderParam("If-Match") String ifMatch) {
        return users.update(id, current -> request, ifMatch).map(UserResource::updated);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Update some fields of a staff user's details")
    public Uni<RestResponse<Envelope<UserResponse>>> updateUser(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return users.update(id, current -> patches.merge(current, patch, UserRequest.class), ifMatch)
                .map(UserResource::updated);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Deactivate a staff user")
    public Uni<RestResponse<Void>> deleteUser(@PathParam("id") long id) {
        return users.deactivate(id).map(ignored -> RestResponse.noContent());
    }

    private boolean managesUsers() {
        return tenant.isSuperuser() || Roles.ADMIN.equals(tenant.role());
    }

    private static RestResponse<Envelope<UserResponse>> updated(User u) {
        return Responses.tagged("User updated successfully", UserResponse.of(u), u.version);
    }
}
