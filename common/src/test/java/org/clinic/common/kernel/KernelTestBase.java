package org.clinic.common.kernel;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicLong;
import org.clinic.testing.TestTokens;

/** Fresh clinic ids per test, so no test depends on another's data. */
abstract class KernelTestBase {

    private static final AtomicLong NEXT_CLINIC = new AtomicLong(System.nanoTime() % 1_000_000_000L + 1000);

    static long newClinic() {
        return NEXT_CLINIC.incrementAndGet();
    }

    static RequestSpecification as(long clinicId, String role) {
        return RestAssured.given().auth().oauth2(TestTokens.clinicUser(clinicId, 7, role));
    }
}
