package org.detectionatlas.model;

import java.util.List;

/**
 * The vendor-neutral predicate tree every rule query is turned into.
 *
 * <pre>
 * Node = And(Node...) | Or(Node...) | Not(Node) | Predicate | Sequence(by, steps...) | Opaque(text, reason)
 * </pre>
 *
 * Nodes are immutable; rewrites build new trees.
 */
public sealed interface Node permits Node.And, Node.Or, Node.Not, Predicate, Node.Sequence, Node.Opaque {

    /** All children must match. */
    record And(List<Node> children) implements Node {
        public And {
            children = List.copyOf(children);
        }
    }

    /** At least one child must match. */
    record Or(List<Node> children) implements Node {
        public Or {
            children = List.copyOf(children);
        }
    }

    /** The child must not match. */
    record Not(Node child) implements Node {}

    /**
     * Ordered steps that must match in turn, joined on the {@code by} fields and within
     * {@code maxspan} (the vendor's own notation, such as "1m"; empty when unbounded).
     */
    record Sequence(List<String> by, String maxspan, List<Node> steps, Span span) implements Node {
        public Sequence {
            by = List.copyOf(by);
            steps = List.copyOf(steps);
        }
    }

    /**
     * A part of a query that has no predicate form, such as a threshold on an aggregate or a
     * lookup against a list the corpus does not ship, kept with its text and the reason.
     */
    record Opaque(String text, String reason, Span span) implements Node {}

    static Node and(List<Node> children) {
        return children.size() == 1 ? children.get(0) : new And(children);
    }

    static Node or(List<Node> children) {
        return children.size() == 1 ? children.get(0) : new Or(children);
    }
}
