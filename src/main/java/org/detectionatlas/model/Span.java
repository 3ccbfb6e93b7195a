package org.detectionatlas.model;

/**
 * Where a piece of a rule came from: a 1-based line and column in the rule file, and the
 * character offsets {@code [start, end)} of the text in the rule's query, or -1 where unknown.
 */
public record Span(int line, int column, int start, int end) {
    public static final Span UNKNOWN = new Span(-1, -1, -1, -1);

    public static Span atLine(int line) {
        return new Span(line, -1, -1, -1);
    }

    public static Span ofQuery(int start, int end) {
        return new Span(-1, -1, start, end);
    }

    public boolean hasQueryRange() {
        return start >= 0 && end >= start;
    }
}
