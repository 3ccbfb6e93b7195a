package org.detectionatlas.sources.elastic;

import java.util.List;
import org.detectionatlas.model.Node;

/**
 * A parsed query: its predicate tree and one notice for each part that became a
 * {@link Node.Opaque} because the tree has no form for it.
 */
public record ParsedQuery(Node tree, List<Notice> notices) {
    public ParsedQuery {
        notices = List.copyOf(notices);
    }

    /**
     * A construct kept as opaque text.
     *
     * @param offset where it starts in the query
     * @param code a short kebab-case key such as {@code eql-function}
     * @param message one sentence naming the construct, quoted
     */
    public record Notice(int offset, String code, String message) {}
}
