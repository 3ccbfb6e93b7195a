package org.detectionatlas.sources.elastic;

import java.util.List;
import org.detectionatlas.model.Node;

/** Tree building shared by the Elastic query parsers. */
final class Trees {
    private Trees() {}

    /**
     * Adds a child to the children of an Or ({@code or} true) or an And, lifting the children of a
     * nested node of the same kind so that {@code a or (b or c)} becomes one Or of three.
     */
    static void addFlat(List<Node> children, Node child, boolean or) {
        if (or && child instanceof Node.Or nested) {
            children.addAll(nested.children());
        } else if (!or && child instanceof Node.And nested) {
            children.addAll(nested.children());
        } else {
            children.add(child);
        }
    }
}
