package org.detectionatlas.eval;

/**
 * A compiled WILDCARD pattern: {@code *} matches any run of characters, {@code ?} one character,
 * and {@code \*}, {@code \?} and {@code \\} are the literal characters. A backslash before any
 * other character, or at the end, is a literal backslash.
 *
 * <p>Matching is greedy with one backtrack point (the last {@code *} seen), which takes at most
 * pattern length times text length steps and never recurses.
 */
final class Wildcard {
    private static final char LITERAL = 0;
    private static final char ONE = 1;
    private static final char ANY = 2;

    private final char[] kinds;
    private final char[] chars;
    private final boolean caseSensitive;

    Wildcard(String pattern, boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        char[] kindBuffer = new char[pattern.length()];
        char[] charBuffer = new char[pattern.length()];
        int size = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()
                    && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '?' || pattern.charAt(i + 1) == '\\')) {
                i++;
                kindBuffer[size] = LITERAL;
                charBuffer[size++] = pattern.charAt(i);
            } else if (c == '*') {
                // Consecutive stars match the same as one.
                if (size == 0 || kindBuffer[size - 1] != ANY) {
                    kindBuffer[size++] = ANY;
                }
            } else if (c == '?') {
                kindBuffer[size++] = ONE;
            } else {
                kindBuffer[size] = LITERAL;
                charBuffer[size++] = c;
            }
        }
        kinds = java.util.Arrays.copyOf(kindBuffer, size);
        chars = java.util.Arrays.copyOf(charBuffer, size);
    }

    boolean matches(CharSequence text) {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = -1;
        int length = text.length();
        while (t < length) {
            if (p < kinds.length && kinds[p] == ANY) {
                starP = p++;
                starT = t;
            } else if (p < kinds.length && (kinds[p] == ONE || sameChar(chars[p], text.charAt(t)))) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < kinds.length && kinds[p] == ANY) {
            p++;
        }
        return p == kinds.length;
    }

    private boolean sameChar(char a, char b) {
        if (a == b) {
            return true;
        }
        if (caseSensitive) {
            return false;
        }
        return Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b);
    }
}
