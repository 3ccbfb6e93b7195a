package org.detectionatlas.analyze;

import java.util.Locale;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;

/**
 * A (field, operator, value) combination compared across rules. The value is case-folded unless
 * the rule compares it case-sensitively, so {@code CMD.EXE} and {@code cmd.exe} are one indicator
 * in a case-insensitive language.
 */
public record IndicatorKey(String field, Operator operator, String value) implements Comparable<IndicatorKey> {

    public static IndicatorKey of(Predicate predicate) {
        String value = predicate.caseSensitive() ? predicate.value() : predicate.value().toLowerCase(Locale.ROOT);
        return new IndicatorKey(predicate.field(), predicate.operator(), value);
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
