package org.clinic.testing;

import io.restassured.response.Response;

/** What a create request made: its answer must be a 201 (the envelope's {@code data.id} is the new record's). */
public final class Created {

    private Created() {}

    /** The id of the record {@code response} created; fails the test unless it is a 201. */
    public static long id(Response response) {
        return response.then().statusCode(201).extract().jsonPath().getLong("data.id");
    }
}
