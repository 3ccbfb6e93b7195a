package org.detectionatlas.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tab-separated data file of the normalizer: {@code #} comment lines, blank lines, one
 * header line, then rows. Trailing empty cells may be left out, so a row has between
 * {@code requiredColumns} and header-size cells; missing cells read as empty strings.
 *
 * @param name the file name used in error messages
 * @param rows the data rows, each with as many cells as the header
 */
public record TsvFile(String name, List<Row> rows) {

    /** Maximum line length in characters, so that a corrupt file cannot exhaust memory. */
    static final int MAX_LINE_LENGTH = 10_000;

    public TsvFile {
        rows = List.copyOf(rows);
    }

    /**
     * One data row.
     *
     * @param line 1-based line number in the file
     * @param cells trimmed cell texts, one per header column
     */
    public record Row(int line, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        public String cell(int index) {
            return cells.get(index);
        }
    }

    /** Reads a data file shipped as a class-path resource next to this class. */
    static TsvFile readResource(String resourceName, List<String> header, int requiredColumns) {
        InputStream stream = TsvFile.class.getResourceAsStream(resourceName);
        if (stream == null) {
            throw new DataFileException(resourceName, List.of(resourceName
                    + ": resource not found on the class path next to " + TsvFile.class.getName()));
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return parse(resourceName, reader, header, requiredColumns);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + resourceName, e);
        }
    }

    /**
     * Parses a data file, checking that its header is {@code header} and that every row has
     * at least {@code requiredColumns} and at most {@code header.size()} cells.
     *
     * @throws DataFileException listing every format error with its line number
     */
    public static TsvFile parse(String name, Reader reader, List<String> header, int requiredColumns) {
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        try {
            BufferedReader lines = new BufferedReader(reader);
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.length() > MAX_LINE_LENGTH) {
                    errors.add(name + " line " + lineNumber + ": line is " + line.length()
                            + " characters long, expected at most " + MAX_LINE_LENGTH);
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = split(line);
                if (!headerSeen) {
                    headerSeen = true;
                    if (!cells.equals(header)) {
                        errors.add(name + " line " + lineNumber + ": header is \"" + String.join("\\t", cells)
                                + "\", expected \"" + String.join("\\t", header) + "\"");
                    }
                    continue;
                }
                if (cells.size() < requiredColumns || cells.size() > header.size()) {
                    errors.add(name + " line " + lineNumber + ": found " + cells.size()
                            + " tab-separated columns, expected " + columnRange(requiredColumns, header.size())
                            + " (" + String.join(", ", header) + ")");
                    continue;
                }
                List<String> padded = new ArrayList<>(cells);
                while (padded.size() < header.size()) {
                    padded.add("");
                }
                rows.add(new Row(lineNumber, padded));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + name, e);
        }
        if (!headerSeen) {
            errors.add(name + ": header line \"" + String.join("\\t", header) + "\" is missing");
        }
        if (!errors.isEmpty()) {
            throw new DataFileException(name, errors);
        }
        return new TsvFile(name, rows);
    }

    private static List<String> split(String line) {
        String[] parts = line.split("\t", -1);
        List<String> cells = new ArrayList<>(parts.length);
        Arrays.stream(parts).map(String::strip).forEach(cells::add);
        // An editor may leave trailing tabs after the last filled cell.
        while (cells.size() > 1 && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    private static String columnRange(int min, int max) {
        return min == max ? String.valueOf(min) : min + " to " + max;
    }
}
