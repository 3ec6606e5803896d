package org.clinic.consultations.testreport;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a test report; {@code patient} is set at creation and kept. */
public record TestReportRequest(
        @Positive Long patient,
        @NotBlank @Size(max = 200) String testName,
        @Size(max = 5000) String result,
        @Size(max = 50) String unit,
        @Size(max = 100) String referenceRange,
        LocalDate reportDate,

        @Schema(enumeration = {"pending", "final"})
        @Pattern(regexp = "pending|final", message = "must be one of pending, final")
        String status) {

    static TestReportRequest of(TestReport t) {
        return new TestReportRequest(
                t.patientId, t.testName, t.result, t.unit, t.referenceRange, t.reportDate, t.status);
    }
}
