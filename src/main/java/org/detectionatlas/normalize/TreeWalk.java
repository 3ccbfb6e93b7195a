package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;

/** Depth-bounded walks over predicate trees. */
final class TreeWalk {

    /**
     * Deepest nesting walked. Readers bound nesting themselves; this bound keeps a tree built
     * elsewhere from overflowing the stack.
     */
    static final int MAX_DEPTH = 1_000;

    private TreeWalk() {}

    /**
     * Returns a copy of the tree with every predicate replaced by {@code rewrite}'s result;
     * returns the same node where nothing below it changed.
     *
     * @throws TreeDepthException when the tree nests deeper than {@link #MAX_DEPTH}
     */
    static Node mapPredicates(Node node, UnaryOperator<Predicate> rewrite) {
        return map(node, rewrite, 0);
    }

    private static Node map(Node node, UnaryOperator<Predicate> rewrite, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TreeDepthException(MAX_DEPTH);
        }
        if (node instanceof Predicate predicate) {
            return rewrite.apply(predicate);
        }
        if (node instanceof Node.And and) {
            List<Node> children = mapAll(and.children(), rewrite, depth);
            return children == null ? and : new Node.And(children);
        }
        if (node instanceof Node.Or or) {
            List<Node> children = mapAll(or.children(), rewrite, depth);
            return children == null ? or : new Node.Or(children);
        }
        if (node instanceof Node.Not not) {
            Node child = map(not.child(), rewrite, depth + 1);
            return child == not.child() ? not : new Node.Not(child);
        }
        if (node instanceof Node.Sequence sequence) {
            List<Node> steps = mapAll(sequence.steps(), rewrite, depth);
            Node until = sequence.until() == null ? null : map(sequence.until(), rewrite, depth + 1);
            return steps == null && until == sequence.until() ? sequence
                    : sequence.withSteps(steps == null ? sequence.steps() : steps, until);
        }
        return node;
    }

    /** Returns the mapped children, or null when no child changed. */
    private static List<Node> mapAll(List<Node> children, UnaryOperator<Predicate> rewrite, int depth) {
        List<Node> mapped = new ArrayList<>(children.size());
        boolean changed = false;
        for (Node child : children) {
            Node result = map(child, rewrite, depth + 1);
            changed |= result != child;
            mapped.add(result);
        }
        return changed ? mapped : null;
    }

    /**
     * Collects the predicates that a match requires or allows: those not below a Not.
     *
     * @throws TreeDepthException when the tree nests deeper than {@link #MAX_DEPTH}
     */
    static List<Predicate> positivePredicates(Node node) {
        List<Predicate> found = new ArrayList<>();
        collect(node, found, false, 0);
        return found;
    }

    /** Collects every predicate, below a Not or not. */
    static List<Predicate> allPredicates(Node node) {
        List<Predicate> found = new ArrayList<>();
        collect(node, found, true, 0);
        return found;
    }

    private static void collect(Node node, List<Predicate> found, boolean includeNegated, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TreeDepthException(MAX_DEPTH);
        }
        if (node instanceof Predicate predicate) {
            found.add(predicate);
        } else if (node instanceof Node.And and) {
            and.children().forEach(child -> collect(child, found, includeNegated, depth + 1));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(child -> collect(child, found, includeNegated, depth + 1));
        } else if (node instanceof Node.Not not) {
            if (includeNegated) {
                collect(not.child(), found, true, depth + 1);
            }
        } else if (node instanceof Node.Sequence sequence) {
            sequence.steps().forEach(step -> collect(step, found, includeNegated, depth + 1));
            if (includeNegated && sequence.until() != null) {
                collect(sequence.until(), found, true, depth + 1);
            }
        }
    }
}
