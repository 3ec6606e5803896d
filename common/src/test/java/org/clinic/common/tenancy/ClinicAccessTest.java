package org.clinic.common.tenancy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.clinic.common.error.ErrorMappers;
import org.clinic.common.tenancy.ClinicAccess.Allowed;
import org.clinic.common.tenancy.ClinicAccess.Claimed;
import org.clinic.common.tenancy.ClinicAccess.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The clinic-access rule alone, without a server: what the gateway and every service decide. */
class ClinicAccessTest {

    private static final Claimed RECEPTIONIST_OF_7 = new Claimed(11L, "receptionist", 7L);
    private static final Claimed SUPERUSER = new Claimed(1L, "superuser", null);
    private static final Claimed DISPLAY_OF_7 = new Claimed(12L, "display", 7L);

    @Test
    void aClinicUserActsInTheirOwnClinic() {
        assertThat(
                ClinicAccess.decide("/api/v1/clinics/7/patients/", RECEPTIONIST_OF_7), equalTo(new Allowed(7L, true)));
    }

    @Test
    void anotherClinicsPathIs403ForAClinicUser() {
        assertThat(
                ClinicAccess.decide("/api/v1/clinics/8/patients/", RECEPTIONIST_OF_7),
                equalTo(new Refused(403, "You do not have access to this clinic.")));
    }

    @Test
    void aTokenWithoutAClinicIs403OnAClinicPathUnlessItIsASuperusers() {
        assertThat(
                ClinicAccess.decide("/api/v1/clinics/8/patients/", new Claimed(5L, "admin", null)),
                equalTo(new Refused(403, ClinicAccess.OTHER_CLINIC)));
        assertThat(ClinicAccess.decide("/api/v1/clinics/8/patients/", SUPERUSER), equalTo(new Allowed(8L, true)));
    }

    @Test
    void noTokenIs401OnAClinicPathAndLeftToTheRouteElsewhere() {
        assertThat(
                ClinicAccess.decide("/api/v1/clinics/7/visits/", null),
                equalTo(new Refused(401, ErrorMappers.UNAUTHENTICATED)));
        assertThat(ClinicAccess.decide("/api/v1/auth/login/", null), equalTo(new Allowed(null, false)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"abc", "0", "-1", "18446744073709551616", "9223372036854775808", "1e3", "%37", "\u0661", "\uFF17"
            })
    void aClinicIdThatIsNotAPositive64BitIntegerIs404BeforeTheTokenIsLookedAt(String id) {
        String path = "/api/v1/clinics/" + id + "/patients/";
        Refused notFound = new Refused(404, "Not found.");
        assertThat(ClinicAccess.decide(path, null), equalTo(notFound));
        assertThat(ClinicAccess.decide(path, SUPERUSER), equalTo(notFound));
    }

    @Test
    void aDisplayDeviceReadsOnlyTheQueueBoardAndItsStream() {
        assertThat(ClinicAccess.decide("/api/v1/clinics/7/queue-board/", DISPLAY_OF_7), equalTo(new Allowed(7L, true)));
        assertThat(
                ClinicAccess.decide("/api/v1/clinics/7/queue-board/stream", DISPLAY_OF_7),
                equalTo(new Allowed(7L, true)));
        Refused boardOnly = new Refused(403, "A display device may only read the queue board.");
        assertThat(ClinicAccess.decide("/api/v1/clinics/7/patients/", DISPLAY_OF_7), equalTo(boardOnly));
        assertThat(ClinicAccess.decide("/api/v1/clinics/7/visits/stream/", DISPLAY_OF_7), equalTo(boardOnly));
        assertThat(ClinicAccess.decide("/api/v1/clinics/7/", DISPLAY_OF_7), equalTo(boardOnly));
        // the device's own clinic only, like anyone's
        assertThat(
                ClinicAccess.decide("/api/v1/clinics/8/queue-board/", DISPLAY_OF_7),
                equalTo(new Refused(403, ClinicAccess.OTHER_CLINIC)));
    }

    @Test
    void offClinicPathsActInTheTokensClinicAndASuperuserInNone() {
        assertThat(ClinicAccess.decide("/api/v1/users/me/", RECEPTIONIST_OF_7), equalTo(new Allowed(7L, false)));
        assertThat(ClinicAccess.decide("/api/v1/clinics/", SUPERUSER), equalTo(new Allowed(null, false)));
    }
}
