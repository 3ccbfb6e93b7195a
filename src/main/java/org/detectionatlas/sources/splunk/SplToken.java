package org.detectionatlas.sources.splunk;

/**
 * One token of a search or eval expression.
 *
 * @param kind the token's kind
 * @param text the token as written, quotes included
 * @param literal the value with quotes and escapes resolved
 * @param pattern for WORD and STRING, the value as a WILDCARD pattern: an unescaped {@code *} is a
 *     wildcard and literal {@code *}, {@code ?} and {@code \} are escaped
 * @param wildcard whether {@code pattern} contains a wildcard
 * @param start 0-based offset of the first character in the expanded search
 * @param end offset after the last character
 */
record SplToken(Kind kind, String text, String literal, String pattern, boolean wildcard, int start, int end) {

    enum Kind {
        WORD,
        STRING,
        /** A single-quoted field name in an eval expression. */
        FIELD_STRING,
        NUMBER,
        LPAREN,
        RPAREN,
        COMMA,
        /** A comparison: = == != < <= > >=. */
        COMPARE,
        /** An eval arithmetic or concatenation operator: + - * / % and the dot. */
        ARITHMETIC,
        /** A macro the expansion left in place because the corpus does not define it. */
        MACRO,
        /** A bracketed subsearch, kept whole. */
        SUBSEARCH,
        END
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    /** Tests whether this is the unquoted word {@code keyword}, ignoring case as SPL does for keywords. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
}
