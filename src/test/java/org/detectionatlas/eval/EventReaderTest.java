package org.detectionatlas.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    @Test
    void readsJsonLinesArraysAndConcatenatedObjects() throws Exception {
        assertThat(EventReader.read("{\"a\": 1}\n{\"a\": 2}\n")).hasSize(2);
        assertThat(EventReader.read("[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]")).hasSize(3);
        assertThat(EventReader.read("{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}")).hasSize(2);
        assertThat(EventReader.read("")).isEmpty();
    }

    @Test
    void nonObjectEventIsRejected() {
        assertThatThrownBy(() -> EventReader.read("{\"a\": 1}\n42\n"))
                .isInstanceOf(EventReader.InvalidEventsException.class)
                .hasMessage("Event 2 near line 2 is not a JSON object; expected one JSON object per event.");
    }

    @Test
    void brokenJsonNamesLine() {
        assertThatThrownBy(() -> EventReader.read("{\"a\": 1}\n{\"a\": }\n"))
                .isInstanceOf(EventReader.InvalidEventsException.class)
                .hasMessageStartingWith("Invalid JSON at line 2: ");
    }

    @Test
    void readEachSkipsBrokenJsonLines() throws Exception {
        EventReader.EventFile file = EventReader.readEach(
                "{\"a\": 1}\n{\"a\": }\n\n[2]\n{\"a\": 3} {\"a\": 4}\n{\"a\": 5}\n{\"a\": 6}\n");

        assertThat(file.events()).extracting(EventReader.NumberedEvent::number).containsExactly(1, 5, 6);
        assertThat(file.invalid()).containsExactly(
                new EventReader.InvalidEvent(2, 2, 7, "invalid-json", "Event 2 is not valid JSON: Unexpected character"
                        + " ('}' (code 125)): expected a valid value (JSON String, Number, Array, Object or token 'null',"
                        + " 'true' or 'false'). The event is skipped."),
                new EventReader.InvalidEvent(3, 4, -1, "not-an-object", "Event 3 is a JSON array, not an object;"
                        + " expected one JSON object per line. The event is skipped."),
                new EventReader.InvalidEvent(4, 5, 10, "invalid-json", "Event 4 has more than one JSON value on its"
                        + " line; expected one JSON object per line. The event is skipped."));
    }

    @Test
    void readEachNumbersWholeFileEvents() throws Exception {
        EventReader.EventFile file = EventReader.readEach("[{\"a\": 1}, {\"a\": 2}]");

        assertThat(file.events()).extracting(EventReader.NumberedEvent::number).containsExactly(1, 2);
        assertThat(file.invalid()).isEmpty();
    }

    @Test
    void readEachRejectsBrokenMultiLineObjects() {
        assertThatThrownBy(() -> EventReader.readEach("{\n  \"a\": 1\n}\n{\n  \"a\": \n}\n"))
                .isInstanceOf(EventReader.InvalidEventsException.class)
                .hasMessageStartingWith("Invalid JSON at line 6: ");
    }

    @Test
    void readEachRejectsBrokenArray() {
        assertThatThrownBy(() -> EventReader.readEach("[\n{\"a\": 1},\n{\"a\": }\n]\n"))
                .isInstanceOf(EventReader.InvalidEventsException.class)
                .hasMessageStartingWith("Invalid JSON at line 3: ");
    }

    @Test
    void evtxDumpIsFlattened() throws Exception {
        String evtx = """
                {"Event": {"#attributes": {"xmlns": "x"},
                  "System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "G"}},
                    "EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Computer": "pc1",
                    "Security": {"#attributes": {"UserID": "S-1-5-18"}}},
                  "EventData": {"Image": "C:\\\\a.exe", "Source Name": "Real-Time Protection"}}}
                """;

        List<Event> events = EventReader.read(evtx);

        assertThat(events).hasSize(1);
        assertThat(events.get(0).fields().toString()).isEqualTo("{\"EventID\":1,"
                + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"pc1\","
                + "\"Provider_Name\":\"Microsoft-Windows-Sysmon\",\"Provider_Guid\":\"G\","
                + "\"Security_UserID\":\"S-1-5-18\",\"Image\":\"C:\\\\a.exe\","
                + "\"Source Name\":\"Real-Time Protection\",\"SourceName\":\"Real-Time Protection\"}");
    }

    @Test
    void evtxUserDataIsFlattened() throws Exception {
        String evtx = """
                {"Event": {"System": {"EventID": 5858},
                  "UserData": {"Operation_ClientFailure": {"#attributes": {"xmlns": "w"}, "Operation": "op"}}}}
                """;

        assertThat(EventReader.read(evtx).get(0).fields().toString())
                .isEqualTo("{\"EventID\":5858,\"Operation\":\"op\"}");
    }
}
