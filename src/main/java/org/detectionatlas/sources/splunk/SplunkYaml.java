package org.detectionatlas.sources.splunk;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Loads the YAML files of the Splunk corpus and reads typed values from them. */
final class SplunkYaml {

    /** Largest YAML file read, in code points; detections in the corpus are below 50,000. */
    static final int MAX_CODE_POINTS = 2_000_000;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(20)
            .build();

    private SplunkYaml() {}

    /** A file that is not a YAML mapping: the 1-based line of the problem (or -1) and the reason. */
    static final class InvalidYamlException extends Exception {
        private final int line;

        InvalidYamlException(int line, String message, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /**
     * Loads one YAML document that must be a mapping.
     *
     * @throws IOException when the file cannot be read
     * @throws InvalidYamlException when it is not YAML or not a mapping
     */
    static Map<?, ?> loadMapping(Path file) throws IOException, InvalidYamlException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Load(SETTINGS).loadFromReader(reader);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(-1);
            throw new InvalidYamlException(line, firstLine(e.getProblem()), e);
        } catch (YamlEngineException e) {
            throw new InvalidYamlException(-1, firstLine(e.getMessage()), e);
        }
        if (!(document instanceof Map<?, ?> mapping)) {
            throw new InvalidYamlException(1, "the document is "
                    + (document == null ? "empty" : "a " + document.getClass().getSimpleName())
                    + " where a mapping of keys was expected", null);
        }
        return mapping;
    }

    /** Returns the scalar at {@code key} as text, or "" when it is missing or not a scalar. */
    static String text(Map<?, ?> mapping, String key) {
        Object value = mapping.get(key);
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "";
    }

    /** Returns the scalars at {@code key}: a list's scalar items, a lone scalar, or none. */
    static List<String> texts(Map<?, ?> mapping, String key) {
        Object value = mapping.get(key);
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                    values.add(item.toString());
                }
            }
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            values.add(value.toString());
        }
        return values;
    }

    static Map<?, ?> mapping(Map<?, ?> mapping, String key) {
        Object value = mapping.get(key);
        return value instanceof Map<?, ?> nested ? nested : Map.of();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the YAML could not be parsed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
