package org.clinic.gateway.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /api/v1/clinics/} (API.md §2). The tenant filter has matched the path's clinic to the token. */
@Cancellable(false)
@Path("/api/v1/clinics")
@Tag(name = ApiTags.CLINICS_AND_USERS)
public class ClinicResource {

    private static final Map<String, String> ORDERING = Map.of(
            "id",
            "id",
            "name",
            "lower(name), id",
            "-name",
            "lower(name) desc, id desc",
            "created_at",
            "createdAt, id",
            "-created_at",
            "createdAt desc, id desc");

    private final ClinicService clinics;
    private final Patches patches;
    private final Idempotency idempotency;

    ClinicResource(ClinicService clinics, Patches patches, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.clinics = clinics;
        this.patches = patches;
    }

    @GET
    @Path("/")
    @RolesAllowed(Roles.SUPERUSER)
    @Parameter(
            name = "search",
            in = ParameterIn.QUERY,
            description = "Case-insensitive, within the clinic's name or slug",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"id", "name", "-name", "created_at", "-created_at"}))
    @Operation(summary = "List the clinics on the platform")
    public Uni<PagedEnvelope<ClinicResponse>> listClinics(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        String orderBy = Ordering.from(uri, ORDERING, "id");
        return clinics.list(page, uri.getQueryParameters().getFirst("search"), orderBy)
                .map(p -> p.map(ClinicResponse::of).envelope("Clinics retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed(Roles.SUPERUSER)
    @Operation(summary = "Register a new clinic")
    public Uni<Response> createClinic(
            @NotNull @Valid ClinicRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "create-clinic", request, () -> clinics.create(request)
                .map(c -> Responses.created(
                        Responses.childOf(uri, c.id), "Clinic created successfully", ClinicResponse.of(c))));
    }

    @GET
    @Path("/{clinic_id}")
    @Operation(summary = "Get a clinic's details")
    public Uni<RestResponse<Envelope<ClinicResponse>>> getClinic(@PathParam("clinic_id") long clinicId) {
        return clinics.get(clinicId)
                .map(c -> Responses.tagged("Clinic retrieved successfully", ClinicResponse.of(c), c.version));
    }

    @PUT
    @Path("/{clinic_id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Replace a clinic's details")
    public Uni<RestResponse<Envelope<ClinicResponse>>> replaceClinic(
            @PathParam("clinic_id") long clinicId,
            @NotNull @Valid ClinicRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        return clinics.update(clinicId, current -> request, ifMatch).map(ClinicResource::updated);
    }

    @PATCH
    @Path("/{clinic_id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Update some fields of a clinic's details")
    public Uni<RestResponse<Envelope<ClinicResponse>>> updateClinic(
            @PathParam("clinic_id") long clinicId, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return clinics.update(clinicId, current -> patches.merge(current, patch, ClinicRequest.class), ifMatch)
                .map(ClinicResource::updated);
    }

    private static RestResponse<Envelope<ClinicResponse>> updated(Clinic c) {
        return Responses.tagged("Clinic updated successfully", ClinicResponse.of(c), c.version);
    }
}
