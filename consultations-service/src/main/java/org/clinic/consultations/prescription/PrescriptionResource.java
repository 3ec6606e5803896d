package org.clinic.consultations.prescription;

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
import java.util.Set;
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

/** {@code prescriptions/} (API.md §3; roles §4: doctors write their own, admins read all). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/prescriptions")
@Tag(name = ApiTags.PRESCRIPTIONS)
public class PrescriptionResource {

    private final PrescriptionService prescriptions;
    private final Patches patches;
    private final Idempotency idempotency;

    PrescriptionResource(PrescriptionService prescriptions, Patches patches, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.prescriptions = prescriptions;
        this.patches = patches;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Parameter(
            name = "patient",
            in = ParameterIn.QUERY,
            description = "Only this patient's prescriptions (patient id)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"active", "completed", "cancelled"}))
    @Operation(summary = "List the clinic's prescriptions")
    public Uni<PagedEnvelope<PrescriptionResponse>> listPrescriptions(@Context UriInfo uri) {
        return prescriptions
                .list(
                        PageRequest.from(uri),
                        QueryParams.id(uri, "patient"),
                        QueryParams.oneOf(uri, "status", Set.of("active", "completed", "cancelled")))
                .map(p -> p.map(f -> PrescriptionResponse.of(f.prescription(), f.medicines()))
                        .envelope("Prescriptions retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Write a prescription with its medicines")
    public Uni<Response> createPrescription(
            @NotNull @Valid PrescriptionRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(
                idempotencyKey,
                "create-prescription",
                request,
                () -> prescriptions.factsFor(request),
                facts -> prescriptions
                        .create(request, facts)
                        .map(f -> Responses.created(
                                Responses.childOf(uri, f.prescription().id),
                                "Prescription created successfully",
                                PrescriptionResponse.of(f.prescription(), f.medicines()))));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Get a prescription")
    public Uni<RestResponse<Envelope<PrescriptionResponse>>> getPrescription(@PathParam("id") long id) {
        return prescriptions
                .get(id)
                .map(f -> Responses.tagged(
                        "Prescription retrieved successfully",
                        PrescriptionResponse.of(f.prescription(), f.medicines()),
                        f.prescription().version));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Replace a prescription")
    public Uni<RestResponse<Envelope<PrescriptionResponse>>> replacePrescription(
            @PathParam("id") long id,
            @NotNull @Valid PrescriptionRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        return prescriptions.update(id, current -> request, ifMatch).map(PrescriptionResource::updated);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.DOCTOR)
    @Operation(summary = "Update some fields of a prescription")
    public Uni<RestResponse<Envelope<PrescriptionResponse>>> updatePrescription(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return prescriptions
                .update(id, current -> patches.merge(current, patch, PrescriptionRequest.class), ifMatch)
                .map(PrescriptionResource::updated);
    }

    private static RestResponse<Envelope<PrescriptionResponse>> updated(PrescriptionService.Full f) {
        return Responses.tagged(
                "Prescription updated successfully",
                PrescriptionResponse.of(f.prescription(), f.medicines()),
                f.prescription().version);
    }
}
