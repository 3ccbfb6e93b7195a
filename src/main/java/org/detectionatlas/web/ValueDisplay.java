package org.detectionatlas.web;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * The display form of a predicate value. Wildcard values are stored with backslash escapes (a
 * literal backslash is {@code \\}, a literal star {@code \*}), which read badly in a table of
 * Windows paths, so the pages show them without the escapes and mark the characters that are
 * wildcards instead: {@code *\Windows\*} with both stars in a {@code wild} span. Other
 * operators' values are shown as they are. Everything from the rule is written escaped.
 */
public final class ValueDisplay {
    /** Maximum length of a value shown in full. A longer one is cut, with a note of how much was left out. */
    static final int MAX_SHOWN = 300;
    private static final String WILDCARD = "wildcard";

    private ValueDisplay() {}

    /** Returns the value for a page, given the operator's id (eq, wildcard...). */
    public static Content of(String operator, String value) {
        String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) : value;
        return output -> {
            if (WILDCARD.equals(operator)) {
                writeWildcard(output, shown);
            } else {
                output.writeUserContent(shown);
            }
            if (shown.length() < value.length()) {
                output.writeContent("<span class=\"cut\">… (" + (value.length() - shown.length())
                        + " more characters)</span>");
            }
        };
    }

    /** Returns the wildcard value without its escapes, for text where marks cannot be shown. */
    public static String plain(String operator, String value) {
        if (!WILDCARD.equals(operator)) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isSpecial(value.charAt(i + 1))) {
                c = value.charAt(++i);
            }
            text.append(c);
        }
        return text.toString();
    }

    private static void writeWildcard(TemplateOutput output, String value) {
        StringBuilder literal = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isSpecial(value.charAt(i + 1))) {
                literal.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                output.writeUserContent(literal.toString());
                literal.setLength(0);
                output.writeContent("<span class=\"wild\" title=\"wildcard\">" + c + "</span>");
            } else {
                literal.append(c);
            }
        }
        output.writeUserContent(literal.toString());
    }

    private static boolean isSpecial(char c) {
        return c == '\\' || c == '*' || c == '?';
    }
}
