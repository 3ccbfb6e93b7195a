package org.detectionatlas.normalize;

import org.detectionatlas.model.Predicate;

/**
 * The value of a canonical predicate as the analyses compare it across rules: Sigma windash
 * variants grouped ({@link WindashGrouping}), then case folded ({@link CaseFolding}).
 */
public final class ComparisonForm {
    private ComparisonForm() {}

    public static String value(Predicate predicate) {
        Predicate grouped = predicate;
        if (WindashGrouping.isExpansion(predicate)) {
            grouped = predicate.withTest(predicate.field(), predicate.operator(),
                    WindashGrouping.group(predicate.value()));
        }
        return CaseFolding.fold(grouped);
    }
}
