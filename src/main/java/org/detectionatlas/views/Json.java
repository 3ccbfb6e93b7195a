package org.detectionatlas.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.detectionatlas.model.Diagnostic;

/** The one JSON configuration shared by the API and the command line. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addMixIn(Diagnostic.class, DiagnosticMixin.class)
            .build();

    /** Leaves out a diagnostic's line and column where the reader could not tell them (-1). */
    abstract static class DiagnosticMixin {
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = UnknownPosition.class)
        abstract int line();

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = UnknownPosition.class)
        abstract int column();
    }

    /** Jackson's value filter: true means leave the value out. */
    static final class UnknownPosition {
        @Override
        public boolean equals(Object value) {
            return value instanceof Integer position && position < 0;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes a value; the API's own records always serialize, so failure is a bug. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getName(), e);
        }
    }
}
