package org.clinic.dbroles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The auth_file of the chart's bundled PgBouncer. That PgBouncer accepts the services' logins with it is shown by
 * k8s/images/smoke, which runs the pooler image with a file this wrote and the four service images through it.
 */
class PoolerUsersTest {

    @Test
    void everyPairBecomesOneQuotedLineOrderedByRole() {
        Map<String, String> users = PoolerUsers.users(Map.of(
                "POOLER_USER_PATIENTS", "clinic_patients_app",
                "POOLER_PASSWORD_PATIENTS", "p\"w 1",
                "POOLER_USER_GATEWAY", "clinic_gateway_app",
                "POOLER_PASSWORD_GATEWAY", "secret",
                "PATH", "/usr/bin"));
        assertEquals(
                "\"clinic_gateway_app\" \"secret\"\n\"clinic_patients_app\" \"p\"\"w 1\"\n", PoolerUsers.render(users));
    }

    @Test
    void aHalfPairAnEmptyPasswordOrNoPairAtAllIsRefusedNamingTheVariable() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PoolerUsers.users(Map.of("POOLER_USER_DOCTORS", "clinic_doctors_app")))
                .getMessage()
                .contains("POOLER_PASSWORD_DOCTORS"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> PoolerUsers.users(
                                Map.of("POOLER_USER_DOCTORS", "clinic_doctors_app", "POOLER_PASSWORD_DOCTORS", "")))
                .getMessage()
                .contains("POOLER_PASSWORD_DOCTORS"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> PoolerUsers.users(Map.of("POOLER_PASSWORD_DOCTORS", "x")))
                .getMessage()
                .contains("POOLER_USER_DOCTORS"));
        assertThrows(IllegalArgumentException.class, () -> PoolerUsers.users(Map.of("PATH", "/usr/bin")));
    }

    @Test
    void aLineBreakCannotSmuggleASecondRoleIntoTheFile() {
        Map<String, String> users = PoolerUsers.users(
                Map.of("POOLER_USER_GATEWAY", "clinic_gateway_app", "POOLER_PASSWORD_GATEWAY", "x\"\n\"admin\" \"y"));
        assertThrows(IllegalArgumentException.class, () -> PoolerUsers.render(users));
    }
}
