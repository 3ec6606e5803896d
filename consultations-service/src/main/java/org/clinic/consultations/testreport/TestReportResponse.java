package org.clinic.consultations.testreport;

import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A test report as clients see it (API.md §3). */
public record TestReportResponse(
        Long id,
        Long clinicId,
        Long patient,
        String testName,
        String result,
        String unit,
        String referenceRange,
        LocalDate reportDate,
        @Schema(enumeration = {"pending", "final"}) String status,
        Instant createdAt) {

    static TestReportResponse of(TestReport t) {
        return new TestReportResponse(
                t.id,
                t.getClinicId(),
                t.patientId,
                t.testName,
                t.result,
                t.unit,
                t.referenceRange,
                t.reportDate,
                t.status,
                t.createdAt);
    }
}
