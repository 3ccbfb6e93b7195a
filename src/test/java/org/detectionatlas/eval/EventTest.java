package org.detectionatlas.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"host.os.type\": \"windows\"}",
        "{\"host\": {\"os\": {\"type\": \"windows\"}}}",
        "{\"host\": {\"os.type\": \"windows\"}}",
        "{\"host.os\": {\"type\": \"windows\"}}"})
    void dottedFieldIsFoundInEveryShape(String json) throws Exception {
        Event event = Event.of(MAPPER.readTree(json));

        assertThat(event.get("host.os.type").asText()).isEqualTo("windows");
    }

    @Test
    void missingFieldIsNull() throws Exception {
        Event event = Event.of(MAPPER.readTree("{\"host\": {\"os\": {\"name\": \"x\"}}}"));

        assertThat(event.get("host.os.type")).isNull();
    }
}
