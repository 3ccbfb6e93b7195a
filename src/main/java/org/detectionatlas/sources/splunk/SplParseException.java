package org.detectionatlas.sources.splunk;

/**
 * A part of a search that the SPL parser could not read, placed at a 0-based offset in the
 * expanded search.
 */
public final class SplParseException extends Exception {
    private final int offset;
    private final boolean invalid;

    /**
     * @param offset 0-based offset in the expanded search
     * @param invalid true when the text breaks SPL itself (an unclosed quote or bracket), false
     *     when it is valid SPL that the parser does not model
     * @param message one sentence: what was found, quoted, and what was expected
     */
    public SplParseException(int offset, boolean invalid, String message) {
        super(message);
        this.offset = offset;
        this.invalid = invalid;
    }

    public int offset() {
        return offset;
    }

    /** Returns the 1-based column in the expanded search. */
    public int column() {
        return offset + 1;
    }

    public boolean invalid() {
        return invalid;
    }
}
