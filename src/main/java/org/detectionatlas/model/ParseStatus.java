package org.detectionatlas.model;

/** How much of a rule's query became predicates. */
public enum ParseStatus {
    /** The whole query is a predicate tree with no Opaque node. */
    PARSED,
    /** A tree exists but contains at least one Opaque node. */
    PARTIAL,
    /** No tree could be built. */
    FAILED;

    public static ParseStatus of(Node tree) {
        if (tree == null) {
            return FAILED;
        }
        return containsOpaque(tree) ? PARTIAL : PARSED;
    }

    private static boolean containsOpaque(Node node) {
        if (node instanceof Node.Opaque) {
            return true;
        }
        if (node instanceof Node.Not not) {
            return containsOpaque(not.child());
        }
        if (node instanceof Node.And and) {
            return and.children().stream().anyMatch(ParseStatus::containsOpaque);
        }
        if (node instanceof Node.Or or) {
            return or.children().stream().anyMatch(ParseStatus::containsOpaque);
        }
        if (node instanceof Node.Sequence sequence) {
            return sequence.steps().stream().anyMatch(ParseStatus::containsOpaque)
                    || (sequence.until() != null && containsOpaque(sequence.until()));
        }
        return false;
    }
}
