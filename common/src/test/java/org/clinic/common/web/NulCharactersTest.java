package org.clinic.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Body text with a NUL is refused where Jackson reads it, named by its path, at any depth. */
class NulCharactersTest {

    record Medicine(String medicineName, String dosage) {}

    record Prescription(String notes, List<Medicine> medicines, List<String> tags) {}

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new JsonSettings().customize(mapper);
        return mapper;
    }

    private String refused(String json) {
        JsonMappingException e =
                assertThrows(JsonMappingException.class, () -> mapper.readValue(json, Prescription.class));
        assertEquals(NulCharacters.MESSAGE, FieldNames.problem(e));
        return FieldNames.jsonPath(e);
    }

    @Test
    void aNulIsRefusedAndNamedByItsPath() {
        assertEquals("notes", refused("{\"notes\":\"a\\u0000b\"}"));
        assertEquals(
                "medicines[1].dosage",
                refused("{\"medicines\":[{\"dosage\":\"1\"},{\"medicine_name\":\"x\",\"dosage\":\"\\u0000\"}]}"));
        assertEquals("tags[0]", refused("{\"tags\":[\"\\u0000\"]}"));
    }

    @Test
    void otherTextIncludingOtherControlCharactersAndEscapedBackslashesReadsAsBefore() throws Exception {
        Prescription read = mapper.readValue(
                "{\"notes\":\"tab\\there \\\\u0000 é\",\"medicines\":[{\"dosage\":\"500 mg\"}]}", Prescription.class);
        assertEquals("tab\there \\u0000 é", read.notes());
        assertEquals("500 mg", read.medicines().get(0).dosage());
    }
}
