package org.clinic.consultations.consultation;

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
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.idempotency.Idempotency;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code consultations/} (API.md §3; roles §4: doctors write their own, admins read all). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/consultations")
@Tag(name = ApiTags.CONSULTATIONS)
public class ConsultationResource {

    private final ConsultationService consultations;
    private final Patches patches;
    private final Idempotency idempotency;

    ConsultationResource(ConsultationService consultations, Patches patches, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.consultations = consultations;
        this.patches = patches;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Parameter(
            name = "patient",
            in = ParameterIn.QUERY,
            description = "Only this patient's consultations (patient id)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Operation(summary = "List the clinic's consultations")
    public Uni<PagedEnvelope<ConsultationResponse>> listConsultations(@Context UriInfo uri) {
        return consultations
                .list(PageRequest.from(uri), QueryParams.id(uri, "patient"))
                .map(p -> p.map(ConsultationResponse::of).envelope("Consultations retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Record a consultation")
    public Uni<Response> createConsultation(
            @NotNull @Valid ConsultationRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(
                idempotencyKey,
                "create-consultation",
                request,
                () -> consultations.factsFor(request),
                facts -> consultations
                        .create(request, facts)
                        .map(c -> Responses.created(
                                Responses.childOf(uri, c.id),
                                "Consultation created successfully",
                                ConsultationResponse.of(c))));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Get a consultation")
    public Uni<RestResponse<Envelope<ConsultationResponse>>> getConsultation(@PathParam("id") long id) {
        return consultations
                .get(id)
                .map(c ->
                        Responses.tagged("Consultation retrieved successfully", ConsultationResponse.of(c), c.version));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Replace a consultation")
    public Uni<RestResponse<Envelope<ConsultationResponse>>> replaceConsultation(
            @PathParam("id") long id,
            @NotNull @Valid ConsultationRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        return consultations.update(id, current -> request, ifMatch).map(ConsultationResource::updated);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Update some fields of a consultation")
    public Uni<RestResponse<Envelope<ConsultationResponse>>> updateConsultation(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return consultations
                .update(id, current -> patches.merge(current, patch, ConsultationRequest.class), ifMatch)
                .map(ConsultationResource::updated);
    }

    private static RestResponse<Envelope<ConsultationResponse>> updated(Consultation c) {
        return Responses.tagged("Consultation updated successfully", ConsultationResponse.of(c), c.version);
    }
}
