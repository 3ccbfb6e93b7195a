package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages of an expanded search, split at the pipes that are outside quotes, subsearch
 * brackets, macro calls and triple-backtick comments.
 *
 * @param text the search with every comment replaced by spaces, so offsets match the expanded
 *     search
 * @param stages the stages in order, starting with the leading search, which may be blank
 */
record SplPipeline(String text, List<Stage> stages) {

    /** One stage: {@code text[start, end)} without its pipe. */
    record Stage(int start, int end) {
        String text(String search) {
            return search.substring(start, end);
        }
    }

    static SplPipeline split(String search) throws SplParseException {
        return split(search, 0, search.length());
    }

    /** Splits {@code search[start, end)}, such as the inside of a subsearch, keeping offsets in {@code search}. */
    static SplPipeline split(String search, int start, int end) throws SplParseException {
        char[] text = search.toCharArray();
        List<Stage> stages = new ArrayList<>();
        int stageStart = start;
        int index = start;
        while (index < end) {
            char c = text[index];
            if (search.startsWith("```", index)) {
                int close = search.indexOf("```", index + 3);
                if (close < 0 || close + 3 > end) {
                    throw new SplParseException(index, true, "The comment starting "
                            + quote(search, index) + " has no closing ```.");
                }
                for (int blank = index; blank < close + 3; blank++) {
                    text[blank] = ' ';
                }
                index = close + 3;
            } else if (c == '\\') {
                index += 2;
            } else if (c == '"') {
                index = skipQuoted(search, index);
            } else if (c == '`') {
                int close = search.indexOf('`', index + 1);
                if (close < 0 || close >= end) {
                    throw new SplParseException(index, true, "The macro call starting "
                            + quote(search, index) + " has no closing backtick.");
                }
                index = close + 1;
            } else if (c == '[') {
                int close = matchingBracket(search, index, end);
                if (close < 0) {
                    throw new SplParseException(index, true, "The subsearch starting "
                            + quote(search, index) + " has no closing ].");
                }
                index = close + 1;
            } else if (c == '|') {
                stages.add(new Stage(stageStart, index));
                stageStart = index + 1;
                index++;
            } else {
                index++;
            }
        }
        stages.add(new Stage(stageStart, Math.max(stageStart, end)));
        return new SplPipeline(new String(text), List.copyOf(stages));
    }

    /** Returns the index of the ']' closing the '[' at {@code open}, or -1. */
    static int matchingBracket(String source, int open, int end) {
        int depth = 0;
        int index = open;
        while (index < end) {
            char c = source.charAt(index);
            if (c == '"') {
                index = skipQuoted(source, index);
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return index;
                }
            }
            index++;
        }
        return -1;
    }

    /** Returns the index after the closing quote of the string at {@code open}, or the end. */
    private static int skipQuoted(String source, int open) {
        int index = open + 1;
        while (index < source.length()) {
            char c = source.charAt(index);
            if (c == '\\') {
                index += 2;
            } else if (c == '"') {
                return index + 1;
            } else {
                index++;
            }
        }
        return source.length();
    }

    private static String quote(String source, int start) {
        int stop = Math.min(source.length(), start + 40);
        return "\"" + source.substring(start, stop) + (stop < source.length() ? "..." : "") + "\"";
    }
}
