package org.detectionatlas.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** An event and its 1-based number in the file, which counts the events that could not be read. */
    public record NumberedEvent(int number, Event event) {}

    /**
     * An event that could not be read.
     *
     * @param number 1-based number of the event in the file
     * @param line 1-based line of the event
     * @param column 1-based column of the problem in that line, or -1 when unknown
     * @param code a short key: {@code invalid-json} or {@code not-an-object}
     * @param message what was wrong, worded for the person who wrote the file
     */
    public record InvalidEvent(int number, int line, int column, String code, String message) {}

    /** The readable events of a file and the events that could not be read. */
    public record EventFile(List<NumberedEvent> events, List<InvalidEvent> invalid) {}

    /** Reads the events of a file. */
    public static List<Event> read(Path file) throws IOException, InvalidEventsException {
        checkSize(file);
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader);
        }
    }

    /**
     * Reads the events of a file, skipping and listing broken lines when the file is JSON Lines.
     *
     * @throws InvalidEventsException when a file of another shape (a JSON array, or objects that
     *     span several lines) is broken, because its events cannot be separated line by line
     */
    public static EventFile readEach(Path file) throws IOException, InvalidEventsException {
        checkSize(file);
        try (Reader reader = Files.newBufferedReader(file)) {
            return numbered(read(reader));
        } catch (InvalidEventsException wholeFile) {
            try (BufferedReader lines = Files.newBufferedReader(file)) {
                return readLines(lines, wholeFile);
            }
        }
    }

    /** Reads the events of a JSON text as {@link #readEach(Path)} does. */
    public static EventFile readEach(String json) throws InvalidEventsException {
        try {
            try {
                return numbered(read(new StringReader(json)));
            } catch (InvalidEventsException wholeText) {
                return readLines(new BufferedReader(new StringReader(json)), wholeText);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading from a string failed", e);
        }
    }

    private static void checkSize(Path file) throws IOException, InvalidEventsException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new InvalidEventsException("Event file " + file + " is larger than " + MAX_FILE_BYTES
                    + " bytes; split it.");
        }
    }

    private static EventFile numbered(List<Event> events) {
        List<NumberedEvent> numbered = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            numbered.add(new NumberedEvent(i + 1, events.get(i)));
        }
        return new EventFile(numbered, List.of());
    }

    /**
     * Reads, one line at a time, a text that failed as a whole. The text counts as JSON Lines when
     * it does not start with '[' and at least half of its non-blank lines are each a JSON object.
     * Otherwise this throws the error of the whole text again.
     */
    private static EventFile readLines(BufferedReader lines, InvalidEventsException wholeFile)
            throws IOException, InvalidEventsException {
        List<NumberedEvent> events = new ArrayList<>();
        List<InvalidEvent> invalid = new ArrayList<>();
        int lineNumber = 0;
        int number = 0;
        boolean startsWithArray = false;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            number++;
            if (number == 1 && line.strip().startsWith("[")) {
                startsWithArray = true;
            }
            readLine(line, number, lineNumber, events, invalid);
        }
        if (startsWithArray || events.size() * 2 < number) {
            throw wholeFile;
        }
        return new EventFile(events, invalid);
    }

    private static void readLine(String line, int number, int lineNumber, List<NumberedEvent> events,
            List<InvalidEvent> invalid) throws IOException {
        try (JsonParser parser = MAPPER.createParser(line)) {
            JsonNode json = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                invalid.add(new InvalidEvent(number, lineNumber, parser.currentTokenLocation().getColumnNr(),
                        "invalid-json", "Event " + number + " has more than one JSON value on its line; expected"
                                + " one JSON object per line. The event is skipped."));
            } else if (!json.isObject()) {
                invalid.add(new InvalidEvent(number, lineNumber, -1, "not-an-object", "Event " + number + " is a JSON "
                        + json.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object; expected one JSON"
                        + " object per line. The event is skipped."));
            } else {
                events.add(new NumberedEvent(number, Event.of(json)));
            }
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            invalid.add(new InvalidEvent(number, lineNumber, column, "invalid-json", "Event " + number
                    + " is not valid JSON: " + e.getOriginalMessage() + ". The event is skipped."));
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
