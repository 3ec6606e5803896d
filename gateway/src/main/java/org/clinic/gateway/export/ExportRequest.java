package org.clinic.gateway.export;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST exports/} (API.md §9): the resources to export (absent: every one this install can export) and an
 * instant: only records created or changed at or after it (absent: all). {@code since} is read as text so a value
 * that is no instant is a 400 naming it.
 */
public record ExportRequest(
        @Schema(
                type = SchemaType.ARRAY,
                implementation = ExportRequest.ResourceName.class,
                description = "The resources to export, each once; absent: every one")
        List<String> resources,

        @Schema(format = "date-time", description = "Only records created or changed at or after this instant")
        String since) {

    /**
     * The schema of one name in {@code resources}: {@link ExportResources#ALL}, written out because an annotation
     * cannot read a list (DocumentedValuesTest holds the two equal).
     */
    @Schema(
            name = "ExportResourceName",
            type = SchemaType.STRING,
            enumeration = {
                "patients",
                "doctors",
                "visits",
                "consultations",
                "prescriptions",
                "test_reports",
                "users",
                "audit_events"
            })
    static final class ResourceName {
        private ResourceName() {}
    }
}
