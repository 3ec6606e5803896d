package org.clinic.doctors.doctor;

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
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.pagination.Ordering;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.clinic.common.web.PagedEnvelope;
import org.clinic.common.web.Patches;
import org.clinic.common.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /api/v1/clinics/{clinic_id}/doctors/} (API.md §3, roles §4). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/doctors")
@Tag(name = ApiTags.DOCTORS_AND_QUEUES)
public class DoctorResource {

    private static final Map<String, String> ORDERING =
            Map.of("user_name", "lower(userName), id", "-user_name", "lower(userName) desc, id desc");

    private final DoctorService doctors;
    private final Patches patches;
    private final Idempotency idempotency;

    DoctorResource(DoctorService doctors, Patches patches, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.doctors = doctors;
        this.patches = patches;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Parameter(
            name = "is_active",
            in = ParameterIn.QUERY,
            description = "Only active (true) or inactive (false) profiles",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(
            name = "search",
            in = ParameterIn.QUERY,
            description = "Case-insensitive, within the doctor's name or specialization",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"user_name", "-user_name"}))
    @Operation(summary = "List the clinic's doctors")
    public Uni<PagedEnvelope<DoctorResponse>> listDoctors(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        String orderBy = Ordering.from(uri, ORDERING, "user_name");
        var query = uri.getQueryParameters();
        return doctors.list(page, QueryParams.bool(uri, "is_active"), query.getFirst("search"), orderBy)
                .map(p -> p.map(DoctorResponse::of).envelope("Doctors retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Add a doctor profile")
    public Uni<Response> createDoctor(
            @NotNull @Valid DoctorRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(
                idempotencyKey, "create-doctor", request, () -> doctors.userFor(request), user -> doctors.create(
                                request, user)
                        .map(d -> Responses.created(
                                Responses.childOf(uri, d.id), "Doctor created successfully", DoctorResponse.of(d))));
    }

    /** The caller's own profile (consultations-service resolves "the caller's doctor" with it). */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Get the signed-in doctor's own profile")
    public Uni<RestResponse<Envelope<DoctorResponse>>> getMyDoctorProfile() {
        return doctors.mine()
                .map(d -> Responses.tagged("Doctor retrieved successfully", DoctorResponse.of(d), d.version));
    }

    /** Called by the gateway after a user's name changed: the profile's {@code user_name} follows. */
    @POST
    @Path("/refresh-user/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @APIResponse(responseCode = "204", description = "The doctor profile now shows the user's current name")
    @Operation(summary = "Refresh a doctor's name from their user account")
    public Uni<RestResponse<Void>> refreshDoctorUser(@NotNull @Valid RefreshUser request) {
        return doctors.refreshUser(request.user()).map(ignored -> RestResponse.noContent());
    }

    public record RefreshUser(
            @NotNull @jakarta.validation.constraints.Positive
            Long user) {}

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Operation(summary = "Get a doctor")
    public Uni<RestResponse<Envelope<DoctorResponse>>> getDoctor(@PathParam("id") long id) {
        return doctors.get(id)
                .map(d -> Responses.tagged("Doctor retrieved successfully", DoctorResponse.of(d), d.version));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Replace a doctor's profile")
    public Uni<RestResponse<Envelope<DoctorResponse>>> replaceDoctor(
            @PathParam("id") long id, @NotNull @Valid DoctorRequest request, @HeaderParam("If-Match") String ifMatch) {
        return doctors.update(id, current -> request, ifMatch).map(DoctorResource::updated);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Update some fields of a doctor's profile")
    public Uni<RestResponse<Envelope<DoctorResponse>>> updateDoctor(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return doctors.update(id, current -> patches.merge(current, patch, DoctorRequest.class), ifMatch)
                .map(DoctorResource::updated);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Deactivate a doctor")
    public Uni<RestResponse<Void>> deleteDoctor(@PathParam("id") long id) {
        return doctors.deactivate(id).map(ignored -> RestResponse.noContent());
    }

    private static RestResponse<Envelope<DoctorResponse>> updated(Doctor d) {
        return Responses.tagged("Doctor updated successfully", DoctorResponse.of(d), d.version);
    }
}
