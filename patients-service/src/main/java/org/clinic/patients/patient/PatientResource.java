package org.clinic.patients.patient;

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
import java.util.Set;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /api/v1/clinics/{clinic_id}/patients/} (API.md §3, roles §4). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/patients")
@Tag(name = ApiTags.PATIENTS)
public class PatientResource {

    private static final Map<String, String> ORDERING = Map.of(
            "registration_date", "registrationDate, id",
            "-registration_date", "registrationDate desc, id desc",
            "patient_name", "lower(patientName), id",
            "-patient_name", "lower(patientName) desc, id desc");

    private final PatientService patients;
    private final Patches patches;
    private final Idempotency idempotency;

    PatientResource(PatientService patients, Patches patches, Idempotency idempotency) {
        this.patients = patients;
        this.patches = patches;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"active", "inactive", "deceased"}))
    @Parameter(
            name = "gender",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"M", "F", "O"}))
    @Parameter(
            name = "search",
            in = ParameterIn.QUERY,
            description = "Case-insensitive, within the name, phone number or medical record number",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"registration_date", "-registration_date", "patient_name", "-patient_name"}))
    @Operation(summary = "List the clinic's patients")
    public Uni<PagedEnvelope<PatientResponse>> listPatients(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        String orderBy = Ordering.from(uri, ORDERING, "-registration_date");
        String status = QueryParams.oneOf(uri, "status", Set.of("active", "inactive", "deceased"));
        String gender = QueryParams.oneOf(uri, "gender", Set.of("M", "F", "O"));
        return patients.list(page, status, gender, uri.getQueryParameters().getFirst("search"), orderBy)
                .map(p -> p.map(PatientResponse::of).envelope("Patients retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.RECEPTIONIST})
    @Operation(summary = "Register a new patient")
    public Uni<Response> createPatient(
            @NotNull @Valid PatientRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "create-patient", request, () -> patients.create(request)
                .map(p -> Responses.created(
                        Responses.childOf(uri, p.id), "Patient created successfully", PatientResponse.of(p))));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Operation(summary = "Get a patient")
    public Uni<RestResponse<Envelope<PatientResponse>>> getPatient(@PathParam("id") long id) {
        return patients.get(id)
                .map(p -> Responses.tagged("Patient retrieved successfully", PatientResponse.of(p), p.version));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.RECEPTIONIST})
    @Operation(summary = "Replace a patient's details")
    public Uni<RestResponse<Envelope<PatientResponse>>> replacePatient(
            @PathParam("id") long id, @NotNull @Valid PatientRequest request, @HeaderParam("If-Match") String ifMatch) {
        return patients.update(id, current -> request, ifMatch).map(PatientResource::updated);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.RECEPTIONIST})
    @Operation(summary = "Update some fields of a patient's details")
    public Uni<RestResponse<Envelope<PatientResponse>>> updatePatient(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return patients.update(id, current -> patches.merge(current, patch, PatientRequest.class), ifMatch)
                .map(PatientResource::updated);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Delete a patient")
    public Uni<RestResponse<Void>> deletePatient(@PathParam("id") long id) {
        return patients.delete(id).map(ignored -> RestResponse.noContent());
    }

    private static RestResponse<Envelope<PatientResponse>> updated(Patient p) {
        return Responses.tagged("Patient updated successfully", PatientResponse.of(p), p.version);
    }
}
