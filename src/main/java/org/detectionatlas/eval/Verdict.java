package org.detectionatlas.eval;

/**
 * Result of a test in three-valued (Kleene) logic: an unknown part, such as an opaque node or a
 * regular expression that ran out of budget, makes the whole result unknown only where it could
 * change it.
 */
public enum Verdict {
    MATCH,
    NO_MATCH,
    UNKNOWN;

    static Verdict of(boolean match) {
        return match ? MATCH : NO_MATCH;
    }

    Verdict negate() {
        if (this == MATCH) {
            return NO_MATCH;
        }
        if (this == NO_MATCH) {
            return MATCH;
        }
        return UNKNOWN;
    }
}
