package org.clinic.gateway.export;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import org.clinic.gateway.apidocs.DocumentedValuesTest;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** {@code POST exports/}'s body as the gateway describes it: the names it offers are the names it accepts. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ExportRequestSchemaTest {

    @Test
    void anExportRequestOffersEveryResourceAnExportAcceptsAndNoOther() {
        JsonPath description = DocumentedValuesTest.description();
        String request = component(
                description.getString(
                        "paths.'/api/v1/clinics/{clinic_id}/exports'.post.requestBody.content.'application/json'.schema.'$ref'"));
        String name = component(
                description.getString("components.schemas." + request + ".properties.resources.items.'$ref'"));
        assertThat(
                new HashSet<>(description.getList("components.schemas." + name + ".enum")),
                equalTo(new HashSet<>(ExportResources.ALL)));
        assertThat(
                description.getString("components.schemas." + request + ".properties.since.format"),
                equalTo("date-time"));
    }

    private static String component(String ref) {
        return ref.replace("#/components/schemas/", "");
    }
}
