package org.detectionatlas.normalize;

import org.detectionatlas.model.Predicate;

/** A value rewrite applied to each predicate after its field is canonical. */
public interface PredicateRewrite {

    /** Returns the rewritten predicate, or the same instance when the rewrite does not apply. */
    Predicate rewrite(Predicate predicate);
}
