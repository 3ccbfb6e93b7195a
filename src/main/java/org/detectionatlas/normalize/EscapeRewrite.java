package org.detectionatlas.normalize;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;

/**
 * Writes wildcard escapes one way, so that equal tests from different readers have equal
 * values. In a WILDCARD value a backslash that escapes nothing ({@code \} before a character
 * other than {@code *}, {@code ?} or {@code \}) is a literal backslash and becomes {@code \\}.
 * A WILDCARD value with no unescaped {@code *} or {@code ?} matches one exact text, so it
 * becomes EQ with the escapes removed, the form EQ values take.
 */
public final class EscapeRewrite implements PredicateRewrite {

    @Override
    public Predicate rewrite(Predicate predicate) {
        if (predicate.operator() != Operator.WILDCARD) {
            return predicate;
        }
        String pattern = predicate.value();
        StringBuilder escaped = new StringBuilder(pattern.length() + 8);
        StringBuilder literal = new StringBuilder(pattern.length());
        boolean wildcard = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                if (next == '*' || next == '?' || next == '\\') {
                    escaped.append(c).append(next);
                    literal.append(next);
                    i++;
                } else {
                    escaped.append("\\\\");
                    literal.append(c);
                }
            } else {
                if (c == '*' || c == '?') {
                    wildcard = true;
                }
                escaped.append(c);
                literal.append(c);
            }
        }
        if (!wildcard) {
            return predicate.withTest(predicate.field(), Operator.EQ, literal.toString());
        }
        String value = escaped.toString();
        return value.equals(pattern) ? predicate : predicate.withTest(predicate.field(), Operator.WILDCARD, value);
    }
}
