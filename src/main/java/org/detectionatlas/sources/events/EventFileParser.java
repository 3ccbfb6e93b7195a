package org.detectionatlas.sources.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.CatalogEvent.EventField;
import org.detectionatlas.model.Diagnostic;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Parses one OSSEM-DD event dictionary file into an {@link EventFile}, or explains why it cannot. */
final class EventFileParser {

    /** The largest OSSEM-DD file at commit d0e449c is 13 KB, so a file far larger is not a dictionary. */
    static final int MAX_FILE_CHARS = 1_000_000;
    private static final int MAX_ALIASES = 50;

    /** The outcome for one file: an event, or null with the diagnostics that explain why. */
    record Result(EventFile event, List<Diagnostic> diagnostics) {
        Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private EventFileParser() {}

    static Result parse(Path path, String source) {
        try {
            if (Files.size(path) > MAX_FILE_CHARS) {
                return failed(Diagnostic.unsupported(source, -1, "file-too-large",
                        "The dictionary file is larger than " + MAX_FILE_CHARS
                                + " bytes, far beyond any event dictionary, so it was skipped."));
            }
            Object document;
            try (InputStream input = Files.newInputStream(path)) {
                document = new Load(settings(source)).loadFromInputStream(input);
            }
            return fromDocument(document, source);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(-1);
            return failed(Diagnostic.invalid(source, line, "invalid-yaml",
                    "The file is not valid YAML: " + sentence(e.getProblem())));
        } catch (YamlEngineException e) {
            return failed(Diagnostic.invalid(source, -1, "invalid-yaml",
                    "The file is not valid YAML: " + sentence(e.getMessage())));
        } catch (IOException e) {
            return failed(Diagnostic.invalid(source, -1, "unreadable-file",
                    "The file could not be read: " + sentence(e.getMessage())));
        } catch (StackOverflowError e) {
            return failed(Diagnostic.invalid(source, -1, "too-deep",
                    "The file nests too deeply to read, so it was skipped."));
        }
    }

    private static LoadSettings settings(String source) {
        return LoadSettings.builder()
                .setLabel(source)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_FILE_CHARS)
                .setAllowDuplicateKeys(true)
                .build();
    }

    static Result fromDocument(Object document, String source) {
        if (!(document instanceof Map<?, ?> map)) {
            return failed(Diagnostic.invalid(source, 1, "not-a-mapping",
                    "The file is not an event dictionary: expected a mapping with name, log_source,"
                            + " event_id and event_fields."));
        }
        String logSource = scalar(map.get("log_source"));
        String eventId = scalar(map.get("event_id"));
        if (logSource.isEmpty() || eventId.isEmpty()) {
            return failed(Diagnostic.invalid(source, 1, "missing-key",
                    "The event dictionary lacks " + (logSource.isEmpty() ? "log_source" : "event_id")
                            + ", so the event cannot be identified."));
        }

        List<Diagnostic> diagnostics = new ArrayList<>();
        List<EventField> fields = new ArrayList<>();
        Object rawFields = map.get("event_fields");
        if (rawFields instanceof List<?> list) {
            for (Object entry : list) {
                EventField field = field(entry);
                if (field == null) {
                    diagnostics.add(Diagnostic.warning(source, -1, "field-without-name",
                            "An entry of event_fields has no name, so it was skipped: " + abbreviate(entry) + "."));
                } else {
                    fields.add(field);
                }
            }
        } else if (rawFields != null) {
            diagnostics.add(Diagnostic.invalid(source, -1, "invalid-fields",
                    "event_fields is not a list, so the event has no fields."));
        }

        String[] sample = friendlySample(map.get("event_sample"));
        EventFile event = new EventFile(source, logSource, eventId, scalar(map.get("event_version")),
                scalar(map.get("platform")), scalar(map.get("name")), scalar(map.get("description")), fields,
                sample[0], sample[1]);
        return new Result(event, diagnostics);
    }

    private static EventField field(Object entry) {
        if (!(entry instanceof Map<?, ?> map)) {
            return null;
        }
        String name = scalar(map.get("name"));
        if (name.isEmpty()) {
            return null;
        }
        return new EventField(name, scalar(map.get("type")), scalar(map.get("description")));
    }

    /** Returns the message's first line and the task category of the friendly-view sample. */
    private static String[] friendlySample(Object samples) {
        String message = "";
        String category = "";
        if (samples instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map && "friendly view".equals(scalar(map.get("format")))) {
                    for (String line : scalar(map.get("sample")).split("\n", 40)) {
                        String trimmed = line.strip();
                        if (trimmed.startsWith("Description:") && message.isEmpty()) {
                            message = trimmed.substring("Description:".length()).strip();
                        } else if (trimmed.startsWith("Task Category:") && category.isEmpty()) {
                            category = trimmed.substring("Task Category:".length()).strip();
                        }
                    }
                }
            }
        }
        return new String[] {message, category};
    }

    /** Returns a scalar's text, "" for null, a mapping or a list. */
    static String scalar(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return "";
        }
        return value.toString().strip();
    }

    /** Ends a library message with one period. */
    private static String sentence(String message) {
        String text = String.valueOf(message).strip();
        return text.endsWith(".") ? text : text + ".";
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static Result failed(Diagnostic diagnostic) {
        return new Result(null, List.of(diagnostic));
    }
}
