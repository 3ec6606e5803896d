package org.clinic.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * One rule for all text a client sends: no NUL character ({@code \u0000}). PostgreSQL cannot store it, so it would
 * fail the write as a 500; refused here it is a 400 naming the field (body) or parameter (query string), before
 * anything is stored. Body text is checked as JSON is read ({@link JsonSettings}), query parameters at the edge of
 * every process ({@link HttpEdge}); a header value with a NUL is refused by the HTTP decoder itself (a bare 400).
 */
public final class NulCharacters {

    public static final String MESSAGE = "must not contain the NUL character (\\u0000)";

    private NulCharacters() {}

    public static boolean in(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    /** A JSON string with a NUL in it: reported with the field's path like any other unreadable value. */
    public static final class InText extends InvalidFormatException {
        InText(JsonParser parser) {
            super(parser, "text with a NUL character", null, String.class);
        }
    }

    /** Reads every {@code String} of a request body, nested or not, as Jackson does, refusing a NUL. */
    static final class Deserializer extends StdScalarDeserializer<String> {
        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (in(text)) {
                throw new InText(parser);
            }
            return text;
        }
    }
}
