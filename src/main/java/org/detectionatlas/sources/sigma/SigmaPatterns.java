package org.detectionatlas.sources.sigma;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sigma string values in the project's WILDCARD form: {@code *} and {@code ?} are wildcards,
 * {@code \*}, {@code \?} and {@code \\} are the literal characters.
 */
final class SigmaPatterns {

    /** Characters Sigma's windash modifier puts in place of a leading {@code -} or {@code /}. */
    static final List<String> DASHES = List.of("-", "/", "\u2013", "\u2014", "\u2015");

    private SigmaPatterns() {}

    /**
     * Converts a Sigma value to the WILDCARD form. Sigma escapes {@code \*}, {@code \?} and
     * {@code \\}, and a backslash before any other character is a literal backslash.
     */
    static String fromSigma(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next == '*' || next == '?' || next == '\\') {
                    pattern.append('\\').append(next);
                    i += 2;
                } else {
                    pattern.append("\\\\");
                    i++;
                }
            } else {
                pattern.append(c);
                i++;
            }
        }
        return pattern.toString();
    }

    /** Escapes a literal text into the WILDCARD form. */
    static String escape(String literal) {
        StringBuilder pattern = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }

    static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** Returns the literal text of a pattern without wildcards. */
    static String unescape(String pattern) {
        StringBuilder literal = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                i++;
                c = pattern.charAt(i);
            }
            literal.append(c);
        }
        return literal.toString();
    }

    /**
     * Expands every {@code -} or {@code /} that starts a command-line option (after a non-word
     * character, before a word character) into the five Windows dash variants, as the cartesian
     * product over all such positions.
     */
    static List<String> windash(String pattern) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean dash = c == '-' || c == '/';
            boolean afterNonWord = i == 0 || !isWordChar(pattern.charAt(i - 1));
            boolean beforeWord = i + 1 < pattern.length() && isWordChar(pattern.charAt(i + 1));
            if (dash && afterNonWord && beforeWord) {
                positions.add(i);
            }
        }
        List<String> variants = new ArrayList<>(List.of(pattern));
        for (int position : positions) {
            List<String> next = new ArrayList<>(variants.size() * DASHES.size());
            for (String variant : variants) {
                for (String dash : DASHES) {
                    // Earlier positions keep their offsets because every dash variant is one char.
                    next.add(variant.substring(0, position) + dash + variant.substring(position + 1));
                }
            }
            variants = next;
        }
        return variants;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Encodes a literal in the byte encoding that Sigma's wide/utf16 modifiers name. */
    static byte[] encode(String literal, String encoding) {
        if (encoding == null) {
            return literal.getBytes(StandardCharsets.UTF_8);
        }
        switch (encoding) {
            case "wide":
            case "utf16le":
                return literal.getBytes(StandardCharsets.UTF_16LE);
            case "utf16be":
                return literal.getBytes(StandardCharsets.UTF_16BE);
            case "utf16": {
                byte[] body = literal.getBytes(StandardCharsets.UTF_16LE);
                byte[] withMark = new byte[body.length + 2];
                withMark[0] = (byte) 0xFF;
                withMark[1] = (byte) 0xFE;
                System.arraycopy(body, 0, withMark, 2, body.length);
                return withMark;
            }
            default:
                throw new IllegalArgumentException("Unknown encoding " + encoding);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Returns the three base64 forms of {@code bytes} as they appear inside a longer encoded
     * text, one per offset 0, 1 and 2 of the value in the encoded stream. Characters that depend
     * on the unknown neighbouring bytes are cut off at both ends.
     */
    static List<String> base64Offsets(byte[] bytes) {
        int[] startCut = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<String> variants = new ArrayList<>(3);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[bytes.length + offset];
            java.util.Arrays.fill(shifted, 0, offset, (byte) ' ');
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = base64(shifted);
            int end = encoded.length() - endCut[(bytes.length + offset) % 3];
            variants.add(encoded.substring(Math.min(startCut[offset], end), end));
        }
        return variants;
    }
}
