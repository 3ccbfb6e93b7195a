package org.detectionatlas.sources.elastic;

/**
 * Finds where the string value of one key of one table starts in the text of a TOML file.
 *
 * <p>The scan follows enough of TOML to skip what could look like a key or a header but is not:
 * multi-line strings (a rule's note may contain a line such as {@code query = ...}), arrays and
 * inline tables spread over lines, and comments. Dotted keys and quoted table names are compared
 * as written, which is how the detection-rules files write {@code [rule]} and {@code query}.
 */
final class TomlKeyLocator {

    /**
     * Position of the first character of a string value.
     *
     * @param line 1-based line in the file, or -1 when the key was not found
     * @param column 1-based column, or -1 when unknown, because a basic string's escapes shift columns
     */
    record Position(int line, int column) {
        static final Position UNKNOWN = new Position(-1, -1);
    }

    private final String text;
    private int offset;
    private int line = 1;
    private int lineStart;

    private TomlKeyLocator(String text) {
        this.text = text;
    }

    /**
     * Returns where the value of {@code key} in table {@code table} starts, such as the query of
     * {@code [rule]}. For an array of strings it is the first string's position. A key of the root
     * table has the table name "".
     */
    static Position find(String text, String table, String key) {
        return new TomlKeyLocator(text).locate(table, key);
    }

    private Position locate(String table, String key) {
        String current = "";
        while (offset < text.length()) {
            skipBlanks();
            if (offset >= text.length()) {
                break;
            }
            char c = text.charAt(offset);
            if (c == '\n') {
                newLine();
            } else if (c == '#' || c == '\r') {
                skipToLineEnd();
            } else if (c == '[') {
                current = header();
            } else {
                String name = keyName();
                if (offset >= text.length() || text.charAt(offset) != '=') {
                    // The line is no key, so the file is not valid TOML here and its rest cannot be trusted.
                    return Position.UNKNOWN;
                }
                offset++;
                if (current.equals(table) && name.equals(key)) {
                    return valueStart();
                }
                skipValue();
            }
        }
        return Position.UNKNOWN;
    }

    /** Reads a {@code [table]} or {@code [[array.of.tables]]} header and returns the table name. */
    private String header() {
        int start = offset;
        skipToLineEnd();
        String header = text.substring(start, offset).strip();
        int comment = header.indexOf('#');
        if (comment >= 0) {
            header = header.substring(0, comment).strip();
        }
        int brackets = header.startsWith("[[") ? 2 : 1;
        int end = header.length() - brackets;
        return end >= brackets ? header.substring(brackets, end).strip() : "";
    }

    /** Reads a bare or quoted key up to the equals sign and returns it without quotes. */
    private String keyName() {
        StringBuilder name = new StringBuilder();
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '=' || c == '\n') {
                break;
            }
            if (c == '"' || c == '\'') {
                int start = offset + 1;
                skipString();
                name.append(text, start, Math.max(start, offset - 1));
                continue;
            }
            if (c != ' ' && c != '\t') {
                name.append(c);
            }
            offset++;
        }
        return name.toString();
    }

    /** Returns the position of the string that starts the value at the current offset. */
    private Position valueStart() {
        skipBlanks();
        if (offset < text.length() && text.charAt(offset) == '[') {
            offset++;
            skipSpaceAndComments();
        }
        if (offset >= text.length()) {
            return Position.UNKNOWN;
        }
        char quote = text.charAt(offset);
        if (quote != '"' && quote != '\'') {
            return Position.UNKNOWN;
        }
        boolean literal = quote == '\'';
        int delimiter = text.startsWith(String.valueOf(quote).repeat(3), offset) ? 3 : 1;
        offset += delimiter;
        if (delimiter == 3) {
            // TOML drops a newline that directly follows the opening delimiter.
            if (text.startsWith("\r\n", offset)) {
                offset++;
            }
            if (offset < text.length() && text.charAt(offset) == '\n') {
                return new Position(line + 1, literal ? 1 : -1);
            }
        }
        return new Position(line, literal ? offset - lineStart + 1 : -1);
    }

    /** Skips a value of any type, which ends at the line end once its arrays and tables are closed. */
    private void skipValue() {
        int depth = 0;
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '"' || c == '\'') {
                skipString();
                continue;
            }
            if (c == '#') {
                skipToLineEnd();
                continue;
            }
            if (c == '\n') {
                if (depth == 0) {
                    return;
                }
                newLine();
                continue;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            offset++;
        }
    }

    /** Skips a basic, literal or multi-line string that starts at the current offset. */
    private void skipString() {
        char quote = text.charAt(offset);
        String triple = String.valueOf(quote).repeat(3);
        boolean multiLine = text.startsWith(triple, offset);
        offset += multiLine ? 3 : 1;
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '\\' && quote == '"' && offset + 1 < text.length()) {
                if (text.charAt(offset + 1) == '\n') {
                    offset++;
                    newLine();
                } else {
                    offset += 2;
                }
                continue;
            }
            if (c == '\n') {
                if (!multiLine) {
                    // The string is not closed on its line, so the scan stops at the line end.
                    return;
                }
                newLine();
                continue;
            }
            if (multiLine && text.startsWith(triple, offset)) {
                offset += 3;
                // A multi-line string may end with up to two more quotes that belong to its content.
                while (offset < text.length() && text.charAt(offset) == quote) {
                    offset++;
                }
                return;
            }
            offset++;
            if (!multiLine && c == quote) {
                return;
            }
        }
    }

    private void skipSpaceAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '\n') {
                newLine();
            } else if (c == '#') {
                skipToLineEnd();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                offset++;
            } else {
                return;
            }
        }
    }

    private void skipBlanks() {
        while (offset < text.length() && (text.charAt(offset) == ' ' || text.charAt(offset) == '\t')) {
            offset++;
        }
    }

    private void skipToLineEnd() {
        while (offset < text.length() && text.charAt(offset) != '\n') {
            offset++;
        }
    }

    private void newLine() {
        offset++;
        line++;
        lineStart = offset;
    }
}
