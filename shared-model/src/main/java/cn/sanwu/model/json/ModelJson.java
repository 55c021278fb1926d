package cn.sanwu.model.json;

import cn.sanwu.model.period.Period;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON form of shared-model records, used by the client's store and outbox and by the
 * server alike, so both sides read each other's payloads the same way. Records map by their
 * component names; a {@link Period} is written as its code. Thread-safe once built.
 */
public final class ModelJson {

    private static final ObjectMapper MAPPER = build();

    private ModelJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        SimpleModule periods = new SimpleModule("sanwu-period");
        periods.addSerializer(Period.class, new JsonSerializer<>() {
            @Override
            public void serialize(Period value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.code());
            }
        });
        periods.addDeserializer(Period.class, new JsonDeserializer<>() {
            @Override
            public Period deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Period.parse(p.getValueAsString());
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(periods)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Older clients may meet fields a newer one added; they must still read the rest.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
