package org.detectionatlas.analyze;

import java.util.ArrayList;
import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;

/**
 * Reads the predicates of a rule's tree in the roles the analyses give them.
 *
 * <p>Indicators are the predicates under no Not. Exclusions are the predicates under a Not that is
 * the root itself or a direct child of the root And: the false-positive filters authors append.
 */
public final class TreeWalk {
    private TreeWalk() {}

    /** Returns every predicate of the tree, in order, whatever its polarity. */
    public static List<Predicate> predicates(Node root) {
        List<Predicate> out = new ArrayList<>();
        collect(root, out, true);
        return out;
    }

    /** Returns the predicates under no Not, in order. */
    public static List<Predicate> indicators(Node root) {
        List<Predicate> out = new ArrayList<>();
        collect(root, out, false);
        return out;
    }

    /** Returns the predicates under a top-level Not, in order. */
    public static List<Predicate> exclusions(Node root) {
        List<Predicate> out = new ArrayList<>();
        if (root instanceof Node.Not not) {
            collect(not.child(), out, true);
        } else if (root instanceof Node.And and) {
            for (Node child : and.children()) {
                if (child instanceof Node.Not not) {
                    collect(not.child(), out, true);
                }
            }
        }
        return out;
    }

    private static void collect(Node node, List<Predicate> out, boolean enterNot) {
        if (node == null) {
            return;
        }
        if (node instanceof Predicate predicate) {
            out.add(predicate);
        } else if (node instanceof Node.Not not) {
            if (enterNot) {
                collect(not.child(), out, true);
            }
        } else if (node instanceof Node.And and) {
            and.children().forEach(child -> collect(child, out, enterNot));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(child -> collect(child, out, enterNot));
        } else if (node instanceof Node.Sequence sequence) {
            sequence.steps().forEach(step -> collect(step, out, enterNot));
            // An until step cancels a match, so its tests count like negated ones.
            if (enterNot && sequence.until() != null) {
                collect(sequence.until(), out, true);
            }
        }
    }
}
