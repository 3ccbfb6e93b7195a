package org.detectionatlas.eval;

import org.detectionatlas.model.Node;

/**
 * A leaf of the tree (a predicate, an opaque part or a sequence) that decided an evaluation,
 * with its own result and, for unknown results, why it is unknown.
 */
public record Decision(Node leaf, Verdict verdict, String reason) {}
