package org.detectionatlas.model;

import java.util.List;

/**
 * The vendor-neutral predicate tree every rule query is turned into.
 *
 * <pre>
 * Node = And(Node...) | Or(Node...) | Not(Node) | Predicate | Sequence(by, steps..., until) | Opaque(text, reason)
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
     * Steps that must match in turn within {@code maxspan} (the vendor's own notation, such as
     * "1m"; empty when unbounded), joined on keys.
     *
     * <p>Step {@code i} is joined on {@link #keys(int)}: the {@code by} fields shared by every step
     * followed by that step's own {@code stepBy} fields, matched by position across steps (EQL
     * {@code sequence by host.id [a] by process.pid [b] by process.parent.pid} joins a's pid to
     * b's parent pid). {@code runs} is the number of consecutive events step {@code i} needs: 1
     * unless the rule has {@code with runs=N}. A step wrapped in {@link Not} is a missing event: the
     * sequence matches only when no such event falls between its neighbours. {@code until}, when
     * not null, ends a pending sequence when it matches. An unordered sequence ({@code ordered}
     * false, EQL {@code sample}) needs every step to match in any order.
     */
    record Sequence(List<String> by, String maxspan, List<Node> steps, Span span, List<List<String>> stepBy,
            List<Integer> runs, Node until, boolean ordered) implements Node {
        public Sequence {
            by = List.copyOf(by);
            steps = List.copyOf(steps);
            stepBy = stepBy == null || stepBy.isEmpty()
                    ? java.util.Collections.nCopies(steps.size(), List.<String>of())
                    : stepBy.stream().map(List::copyOf).toList();
            runs = runs == null || runs.isEmpty() ? java.util.Collections.nCopies(steps.size(), 1) : List.copyOf(runs);
            if (stepBy.size() != steps.size() || runs.size() != steps.size()) {
                throw new IllegalArgumentException("stepBy and runs need one entry per step");
            }
        }

        /** Creates an ordered sequence with join keys shared by all steps, single runs and no until step. */
        public Sequence(List<String> by, String maxspan, List<Node> steps, Span span) {
            this(by, maxspan, steps, span, List.of(), List.of(), null, true);
        }

        /** Returns the join keys of step {@code step}: the shared ones, then the step's own. */
        public List<String> keys(int step) {
            if (stepBy.get(step).isEmpty()) {
                return by;
            }
            List<String> keys = new java.util.ArrayList<>(by);
            keys.addAll(stepBy.get(step));
            return List.copyOf(keys);
        }

        /** Returns a copy with other steps and until step, keeping keys, runs and span. */
        public Sequence withSteps(List<Node> newSteps, Node newUntil) {
            return new Sequence(by, maxspan, newSteps, span, stepBy, runs, newUntil, ordered);
        }

        /** Returns a copy placed at another span. */
        public Sequence withSpan(Span newSpan) {
            return new Sequence(by, maxspan, steps, newSpan, stepBy, runs, until, ordered);
        }
    }

    /**
     * A part of a query that has no predicate form, such as a threshold on an aggregate or a
     * lookup against a list the corpus does not ship, kept with its text and the reason.
     */
    record Opaque(String text, String reason, Span span) implements Node {}

    /**
     * Adds {@code child} to the children of an Or ({@code or} true) or an And, lifting the children
     * of a nested node of the same kind so that {@code a or (b or c)} becomes one Or of three.
     */
    static void addFlattened(List<Node> children, Node child, boolean or) {
        if (or && child instanceof Or nested) {
            children.addAll(nested.children());
        } else if (!or && child instanceof And nested) {
            children.addAll(nested.children());
        } else {
            children.add(child);
        }
    }

    static Node and(List<Node> children) {
        return children.size() == 1 ? children.get(0) : new And(children);
    }

    static Node or(List<Node> children) {
        return children.size() == 1 ? children.get(0) : new Or(children);
    }
}
