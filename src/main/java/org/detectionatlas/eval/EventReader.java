package org.detectionatlas.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads events from JSON text: JSON Lines, a JSON array of objects, or objects written one after
 * another (the shape of Sigma's regression data, where one file contains one or more EVTX dumps).
 */
public final class EventReader {

    /** Larger event files are rejected rather than read into memory. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventReader() {}

    /** Signals JSON that is not a list of events; the message names the line. */
    public static final class InvalidEventsException extends Exception {
        public InvalidEventsException(String message) {
            super(message);
        }
    }

    /** Reads the events of a file. */
    public static List<Event> read(Path file) throws IOException, InvalidEventsException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new InvalidEventsException("Event file " + file + " is larger than " + MAX_FILE_BYTES
                    + " bytes; split it.");
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader);
        }
    }

    /** Reads the events of a JSON text. */
    public static List<Event> read(String json) throws InvalidEventsException {
        try {
            return read(new StringReader(json));
        } catch (IOException e) {
            throw new IllegalStateException("Reading from a string failed", e);
        }
    }

    private static List<Event> read(Reader reader) throws IOException, InvalidEventsException {
        List<Event> events = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(reader)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        int elementLine = parser.currentTokenLocation().getLineNr();
                        add(events, MAPPER.readTree(parser), elementLine);
                    }
                } else {
                    add(events, MAPPER.readTree(parser), line);
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEventsException("Invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
        return events;
    }

    private static void add(List<Event> events, JsonNode json, int line) throws InvalidEventsException {
        if (json == null || !json.isObject()) {
            throw new InvalidEventsException("Event " + (events.size() + 1) + " near line " + line + " is "
                    + (json == null ? "missing" : "not a JSON object") + "; expected one JSON object per event.");
        }
        events.add(Event.of(json));
    }
}
