package org.clinic.gateway.export;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.clinic.common.error.InvalidRequest;
import org.junit.jupiter.api.Test;

/** What {@code POST exports/} accepts (API.md §9), without a server. */
class ExportRequestTest {

    @Test
    void resourcesDefaultToAllEightAndKeepApiOrderOnceEach() {
        assertThat(
                ExportService.resources(null),
                contains(
                        "patients",
                        "doctors",
                        "visits",
                        "consultations",
                        "prescriptions",
                        "test_reports",
                        "users",
                        "audit_events"));
        assertThat(ExportService.resources(List.of("audit_events", "users")), contains("users", "audit_events"));
        assertThat(
                ExportService.resources(List.of("test_reports", "patients", "test_reports")),
                contains("patients", "test_reports"));
    }

    @Test
    void anUnknownOrEmptyResourceIsA400NamingResources() {
        for (List<String> asked : List.of(
                List.<String>of(),
                List.of("invoices"),
                List.of("Patients"),
                List.of("audit-events"),
                Arrays.asList("patients", null))) {
            InvalidRequest refused = assertThrows(InvalidRequest.class, () -> ExportService.resources(asked));
            assertThat(String.valueOf(asked), refused.errors(), hasKey("resources"));
        }
    }

    @Test
    void sinceIsAnInstantWithItsOffsetOrA400NamingSince() {
        assertNull(ExportService.since(null));
        assertThat(ExportService.since("2026-11-24T09:30:00Z"), equalTo(Instant.parse("2026-11-24T09:30:00Z")));
        assertThat(ExportService.since("2026-11-24T15:00:00+05:30"), equalTo(Instant.parse("2026-11-24T09:30:00Z")));
        for (String bad : List.of(
                "yesterday",
                "2026-11-24",
                "2026-11-24T09:30:00",
                "",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59-18:00",
                "+10000-01-01T00:00:00Z")) {
            InvalidRequest refused = assertThrows(InvalidRequest.class, () -> ExportService.since(bad));
            assertThat(bad, refused.errors(), hasKey("since"));
        }
    }
}
