package org.clinic.consultations.testreport;

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

/** {@code test-reports/} (API.md §3, roles §4). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/test-reports")
@Tag(name = ApiTags.TEST_REPORTS)
public class TestReportResource {

    private final TestReportService reports;
    private final Patches patches;
    private final Idempotency idempotency;

    TestReportResource(TestReportService reports, Patches patches, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.reports = reports;
        this.patches = patches;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Parameter(
            name = "patient",
            in = ParameterIn.QUERY,
            description = "Only this patient's test reports (patient id)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Operation(summary = "List the clinic's test reports")
    public Uni<PagedEnvelope<TestReportResponse>> listTestReports(@Context UriInfo uri) {
        return reports.list(PageRequest.from(uri), QueryParams.id(uri, "patient"))
                .map(p -> p.map(TestReportResponse::of).envelope("Test reports retrieved successfully", uri));
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Record a test report")
    public Uni<Response> createTestReport(
            @NotNull @Valid TestReportRequest request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(
                idempotencyKey,
                "create-test-report",
                request,
                () -> reports.patientFor(request),
                patient -> reports.create(request, patient)
                        .map(r -> Responses.created(
                                Responses.childOf(uri, r.id),
                                "Test report created successfully",
                                TestReportResponse.of(r))));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Get a test report")
    public Uni<RestResponse<Envelope<TestReportResponse>>> getTestReport(@PathParam("id") long id) {
        return reports.get(id)
                .map(r -> Responses.tagged("Test report retrieved successfully", TestReportResponse.of(r), r.version));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Replace a test report")
    public Uni<RestResponse<Envelope<TestReportResponse>>> replaceTestReport(
            @PathParam("id") long id,
            @NotNull @Valid TestReportRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        return reports.update(id, current -> request, ifMatch).map(TestReportResource::updated);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Update some fields of a test report")
    public Uni<RestResponse<Envelope<TestReportResponse>>> updateTestReport(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return reports.update(id, current -> patches.merge(current, patch, TestReportRequest.class), ifMatch)
                .map(TestReportResource::updated);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Delete a test report")
    public Uni<RestResponse<Void>> deleteTestReport(@PathParam("id") long id) {
        return reports.delete(id).map(ignored -> RestResponse.noContent());
    }

    private static RestResponse<Envelope<TestReportResponse>> updated(TestReport r) {
        return Responses.tagged("Test report updated successfully", TestReportResponse.of(r), r.version);
    }
}
