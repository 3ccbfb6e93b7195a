package org.detectionatlas.sources.elastic;

/**
 * A query that breaks its language's grammar, placed at a 1-based line and column of the query
 * text and at the character offset where the parser stopped.
 */
public final class QuerySyntaxException extends Exception {
    private final int line;
    private final int column;
    private final int offset;
    private final String reason;

    public QuerySyntaxException(String query, int offset, String reason) {
        super(position(query, offset)[0] + ":" + position(query, offset)[1] + ": " + reason);
        int[] position = position(query, offset);
        this.line = position[0];
        this.column = position[1];
        this.offset = offset;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public int offset() {
        return offset;
    }

    /** Returns the sentence without its position. */
    public String reason() {
        return reason;
    }

    /** Returns the 1-based line and column of {@code offset} in {@code text}. */
    static int[] position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, end - lineStart + 1};
    }
}
