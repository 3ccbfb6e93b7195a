package org.detectionatlas.normalize;

import java.util.Locale;
import org.detectionatlas.model.Predicate;

/**
 * Groups the values that Sigma's {@code windash} modifier expands one option into. The modifier
 * turns {@code -enc} into five tests ({@code -enc}, {@code /enc}, and the en dash, em dash and
 * horizontal bar forms); for comparison they are one indicator, {@code -enc}. The tree keeps all
 * five tests because each matches different command lines.
 */
public final class WindashGrouping {

    /** The characters the windash modifier puts in place of an option's leading dash. */
    private static final String DASHES = "-/\u2013\u2014\u2015";

    private WindashGrouping() {}

    /** Returns whether the predicate comes from a Sigma field with the windash modifier. */
    public static boolean isExpansion(Predicate predicate) {
        String original = predicate.original();
        if (original == null) {
            return false;
        }
        int colon = original.indexOf(':');
        String key = colon < 0 ? original : original.substring(0, colon);
        return key.toLowerCase(Locale.ROOT).contains("|windash");
    }

    /**
     * Returns the value with every option dash (a dash variant after a non-word character and
     * before a word character, the positions the modifier expands) written as {@code -}.
     */
    public static String group(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean dash = DASHES.indexOf(c) >= 0;
            boolean afterNonWord = i == 0 || !isWordChar(value.charAt(i - 1));
            boolean beforeWord = i + 1 < value.length() && isWordChar(value.charAt(i + 1));
            out.append(dash && afterNonWord && beforeWord ? '-' : c);
        }
        return out.toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
