package org.detectionatlas.model;

import java.util.Objects;

/**
 * One test on one field of an event.
 *
 * @param field canonical field name after normalization (the vendor field before it), or
 *     {@code null} for a free-text match on the whole event
 * @param operator the comparison
 * @param value the value in canonical form; for WILDCARD a pattern with {@code *} and {@code ?}
 * @param caseSensitive whether the vendor's semantics compare this value case-sensitively
 * @param vendorField the field as the rule spells it, such as {@code Image}, {@code process.name}
 *     or {@code Processes.process_name}; {@code null} for free text
 * @param original the rule's own text of this test, such as {@code Image|endswith: '\cmd.exe'}
 * @param span where the test sits in the rule file or query
 * @param vendorOperator the comparison as the reader built it, before value rewrites
 * @param vendorValue the value as the reader built it, before value rewrites
 */
public record Predicate(
        String field,
        Operator operator,
        String value,
        boolean caseSensitive,
        String vendorField,
        String original,
        Span span,
        Operator vendorOperator,
        String vendorValue)
        implements Node {

    public Predicate {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        span = span == null ? Span.UNKNOWN : span;
        vendorOperator = vendorOperator == null ? operator : vendorOperator;
        vendorValue = vendorValue == null ? value : vendorValue;
    }

    /** A predicate whose operator and value are still the ones the reader built. */
    public Predicate(String field, Operator operator, String value, boolean caseSensitive, String vendorField,
            String original, Span span) {
        this(field, operator, value, caseSensitive, vendorField, original, span, operator, value);
    }

    /** A predicate straight from a reader: the canonical field is still the vendor's. */
    public static Predicate of(String vendorField, Operator operator, String value, boolean caseSensitive,
            String original, Span span) {
        return new Predicate(vendorField, operator, value, caseSensitive, vendorField, original, span);
    }

    public Predicate withField(String canonicalField) {
        return new Predicate(canonicalField, operator, value, caseSensitive, vendorField, original, span,
                vendorOperator, vendorValue);
    }

    public Predicate withTest(String canonicalField, Operator newOperator, String newValue) {
        return new Predicate(canonicalField, newOperator, newValue, caseSensitive, vendorField, original, span,
                vendorOperator, vendorValue);
    }
}
