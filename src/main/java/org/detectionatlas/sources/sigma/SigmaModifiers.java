package org.detectionatlas.sources.sigma;

import java.util.List;
import java.util.Set;
import org.detectionatlas.text.Names;

/** The value modifiers of the Sigma specification 2.1 and how far this reader models them. */
final class SigmaModifiers {

    /** Modifiers turned into predicates. */
    static final Set<String> SUPPORTED = Set.of(
            "contains", "startswith", "endswith", "all", "re", "i", "m", "s", "cidr", "exists", "cased",
            "gt", "gte", "lt", "lte", "neq", "windash", "base64", "base64offset", "wide", "utf16le",
            "utf16be", "utf16");

    /**
     * Valid modifiers with no predicate form here: fieldref compares two fields, expand names a
     * placeholder whose values each deployment defines, and the time modifiers compare a part of
     * a date.
     */
    static final Set<String> UNSUPPORTED = Set.of(
            "fieldref", "expand", "minute", "hour", "day", "week", "month", "year");

    static final Set<String> ENCODINGS = Set.of("wide", "utf16le", "utf16be", "utf16");

    static final Set<String> COMPARISONS = Set.of("gt", "gte", "lt", "lte");

    private SigmaModifiers() {}

    static boolean isKnown(String modifier) {
        return SUPPORTED.contains(modifier) || UNSUPPORTED.contains(modifier);
    }

    /** Returns the known modifier nearest to {@code unknown}, or null when none is within 2 edits. */
    static String suggest(String unknown) {
        List<String> known = new java.util.ArrayList<>(SUPPORTED);
        known.addAll(UNSUPPORTED);
        known.sort(null);
        return Names.nearest(unknown, known, 2);
    }
}
