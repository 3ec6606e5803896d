package org.clinic.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.clinic.common.tenancy.TenantContext;
import org.junit.jupiter.api.Test;

/** What a statement of several writes refuses before it reaches the database. */
class WriteStepTest {

    @Test
    void aStepMustNameTheClinic() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> WriteStep.of("history", "insert into visit_history (clinic_id) values (7)"));
        assertTrue(refused.getMessage().contains("history"), refused.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> WriteStep.of("history", "insert into visit_history (clinic_id) values (:clinicIdOther)"));
    }

    @Test
    void aStepKeepsANullParameterAndCannotBeChangedFromOutside() {
        WriteStep step = WriteStep.of("audit", "insert into audit_event (clinic_id, actor_id) values (:clinicId, :a)")
                .with("a", null);
        assertTrue(step.parameters().containsKey("a"));
        assertNull(step.parameters().get("a"));
        assertThrows(
                UnsupportedOperationException.class, () -> step.parameters().put("b", 1));
        assertEquals(Map.of(), WriteStep.of("audit", ":clinicId").parameters());
    }

    @Test
    void twoStepsOfOneStatementMayNotShareAParameterNorBindTheClinic() {
        var repository = new TenantScopedRepository<ClinicOwned>(ClinicOwned.class, new TenantContext()) {};
        WriteStep first = WriteStep.of("a", "insert into t (clinic_id, x) values (:clinicId, :x)")
                .with("x", 1);
        WriteStep second = WriteStep.of("b", "insert into u (clinic_id, x) values (:clinicId, :x)")
                .with("x", null);
        assertTwice("x", () -> repository.nativeWrite(List.of(first, second), "select 1, 2", Map.of()));
        assertTwice("x", () -> repository.nativeWrite(List.of(first), "select :x, 2", Map.of("x", 2)));
        WriteStep clinic = WriteStep.of("c", "insert into t (clinic_id) values (:clinicId)")
                .with("clinicId", 8L);
        assertTwice("clinicId", () -> repository.nativeWrite(List.of(clinic), "select 1, 2", Map.of()));
        assertTwice("clinicId", () -> repository.nativeWrite(List.of(first), "select 1, 2", Map.of("clinicId", 8L)));
    }

    private static void assertTwice(String parameter, org.junit.jupiter.api.function.Executable statement) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, statement);
        assertEquals("parameter named twice in one statement: " + parameter, refused.getMessage());
    }
}
