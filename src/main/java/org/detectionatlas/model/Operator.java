package org.detectionatlas.model;

import java.util.Locale;

/**
 * Comparison of a predicate, shared by every query language.
 *
 * <p>{@code WILDCARD} values use {@code *} for any run of characters and {@code ?} for one
 * character, with {@code \*}, {@code \?} and {@code \\} as escapes. {@code MATCH} is a free-text
 * or full-text match, with or without a field.
 */
public enum Operator {
    EQ,
    WILDCARD,
    REGEX_MATCH,
    MATCH,
    CIDR,
    LT,
    LTE,
    GT,
    GTE,
    EXISTS;

    /** The lower-case name used in the API and on pages: eq, wildcard, regex_match... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
