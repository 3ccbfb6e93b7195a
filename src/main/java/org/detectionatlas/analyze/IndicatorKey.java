package org.detectionatlas.analyze;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.normalize.ComparisonForm;

/**
 * A (field, operator, value) combination compared across rules. The value is in comparison form
 * ({@link ComparisonForm}): Sigma windash variants grouped and case folded, so {@code CMD.EXE}
 * and {@code cmd.exe} are one indicator.
 */
public record IndicatorKey(String field, Operator operator, String value) implements Comparable<IndicatorKey> {

    public static IndicatorKey of(Predicate predicate) {
        return new IndicatorKey(predicate.field(), predicate.operator(), ComparisonForm.value(predicate));
    }

    @Override
    public int compareTo(IndicatorKey other) {
        int byField = String.valueOf(field).compareTo(String.valueOf(other.field));
        if (byField != 0) {
            return byField;
        }
        int byOperator = operator.compareTo(other.operator);
        return byOperator != 0 ? byOperator : value.compareTo(other.value);
    }
}
