package org.detectionatlas.normalize;

/** Raised when a predicate tree nests deeper than the normalizer walks. */
final class TreeDepthException extends RuntimeException {

    TreeDepthException(int maxDepth) {
        super("the predicate tree nests deeper than " + maxDepth + " levels", null, false, false);
    }
}
