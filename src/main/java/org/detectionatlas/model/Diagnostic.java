package org.detectionatlas.model;

/**
 * A problem met while reading a file or a rule, worded for the person who will fix it.
 *
 * @param file path of the file relative to the corpus root
 * @param line 1-based line in the file, or -1 when unknown
 * @param column 1-based column, or -1 when unknown
 * @param kind whether the input is invalid, valid but not supported, or only worth a warning
 * @param code a short stable key such as {@code unknown-modifier}, used to count diagnostics by kind
 * @param message one sentence: what was not understood, quoted, and what was expected
 */
public record Diagnostic(String file, int line, int column, Kind kind, String code, String message) {

    public enum Kind {
        /** The input breaks its own language or format. */
        INVALID,
        /** The input is valid, but Detection Atlas does not model this construct yet. */
        UNSUPPORTED,
        /** The input was read, with a caveat worth showing. */
        WARNING
    }

    public static Diagnostic invalid(String file, int line, String code, String message) {
        return new Diagnostic(file, line, -1, Kind.INVALID, code, message);
    }

    public static Diagnostic unsupported(String file, int line, String code, String message) {
        return new Diagnostic(file, line, -1, Kind.UNSUPPORTED, code, message);
    }

    public static Diagnostic warning(String file, int line, String code, String message) {
        return new Diagnostic(file, line, -1, Kind.WARNING, code, message);
    }

    /** The same diagnostic placed at a line and column. */
    public Diagnostic at(int newLine, int newColumn) {
        return new Diagnostic(file, newLine, newColumn, kind, code, message);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        return text.append(": ").append(kind.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(code).append(": ").append(message).toString();
    }
}
