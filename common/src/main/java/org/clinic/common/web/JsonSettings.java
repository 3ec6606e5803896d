package org.clinic.common.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants are written as ISO-8601 UTC with {@code Z}, at most to the microsecond: what
 * PostgreSQL keeps, so a value reads the same in the answer to a write and in later reads (the values
 * themselves come from {@link org.clinic.common.time.ClinicClock}, already at the microsecond). Text in a body
 * must not carry a NUL ({@link NulCharacters}).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("clinic-json")
                .addSerializer(Instant.class, new InstantSerializer())
                .addDeserializer(String.class, new NulCharacters.Deserializer()));
    }

    /**
     * Applied after Quarkus's own customizer, which registers the JSR-310 module: the module registered last wins,
     * and ours must win for {@code Instant}.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.MICROS)));
        }
    }
}
