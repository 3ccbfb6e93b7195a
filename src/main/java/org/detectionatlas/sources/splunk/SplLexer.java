package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Splits one stage of an expanded search into tokens, in the rules of the search command or of
 * eval expressions (used by {@code where}).
 *
 * <p>Backslash escapes follow SPL: {@code \\} is a backslash and {@code \"} a quote, and any other
 * backslash stays a literal backslash. SPL cannot escape the {@code *} wildcard, so {@code \*}
 * is a backslash followed by a wildcard. An unquoted value right after a comparison may hold
 * balanced parentheses, as in {@code process=*GetCurrent()*}.
 */
final class SplLexer {

    enum Mode {
        SEARCH,
        EVAL
    }

    private final String source;
    private final int end;
    private final Mode mode;
    private int position;
    private final List<SplToken> tokens = new ArrayList<>();

    private SplLexer(String source, int start, int end, Mode mode) {
        this.source = source;
        this.position = start;
        this.end = end;
        this.mode = mode;
    }

    /** Tokenizes {@code source[start, end)}, ending the list with an END token. */
    static List<SplToken> tokenize(String source, int start, int end, Mode mode) throws SplParseException {
        SplLexer lexer = new SplLexer(source, start, end, mode);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws SplParseException {
        while (true) {
            while (position < end && Character.isWhitespace(source.charAt(position))) {
                position++;
            }
            if (position >= end) {
                tokens.add(new SplToken(Kind.END, "", "", "", false, end, end));
                return;
            }
            tokens.add(next());
        }
    }

    private SplToken next() throws SplParseException {
        int start = position;
        char c = source.charAt(position);
        switch (c) {
            case '(':
                position++;
                return simple(Kind.LPAREN, start);
            case ')':
                position++;
                return simple(Kind.RPAREN, start);
            case ',':
                position++;
                return simple(Kind.COMMA, start);
            case '"':
                return quoted(start, '"', Kind.STRING);
            case '`':
                return macro(start);
            case '[':
                return subsearch(start);
            default:
                break;
        }
        SplToken compare = compare(start);
        if (compare != null) {
            return compare;
        }
        if (mode == Mode.EVAL) {
            return evalToken(start, c);
        }
        return word(start);
    }

    private SplToken simple(Kind kind, int start) {
        String text = source.substring(start, position);
        return new SplToken(kind, text, text, text, false, start, position);
    }

    private SplToken compare(int start) {
        char c = source.charAt(start);
        char following = start + 1 < end ? source.charAt(start + 1) : '\0';
        int length;
        if ((c == '!' || c == '<' || c == '>' || c == '=') && following == '=') {
            length = 2;
        } else if (c == '<' || c == '>' || c == '=') {
            length = 1;
        } else {
            return null;
        }
        position = start + length;
        return simple(Kind.COMPARE, start);
    }

    private SplToken quoted(int start, char quote, Kind kind) throws SplParseException {
        ValueBuilder value = new ValueBuilder();
        int index = start + 1;
        while (index < end) {
            char c = source.charAt(index);
            if (c == quote) {
                position = index + 1;
                return value.token(kind, source.substring(start, position), start, position);
            }
            index = value.append(source, index, end);
        }
        throw new SplParseException(start, true,
                "The quoted text starting " + excerpt(start) + " has no closing " + quote + ".");
    }

    private SplToken macro(int start) throws SplParseException {
        int close = source.indexOf('`', start + 1);
        if (close < 0 || close >= end) {
            throw new SplParseException(start, true,
                    "The macro call starting " + excerpt(start) + " has no closing backtick.");
        }
        position = close + 1;
        return simple(Kind.MACRO, start);
    }

    private SplToken subsearch(int start) throws SplParseException {
        int close = SplPipeline.matchingBracket(source, start, end);
        if (close < 0) {
            throw new SplParseException(start, true,
                    "The subsearch starting " + excerpt(start) + " has no closing ].");
        }
        position = close + 1;
        return simple(Kind.SUBSEARCH, start);
    }

    private SplToken word(int start) {
        boolean afterCompare = !tokens.isEmpty() && tokens.get(tokens.size() - 1).is(Kind.COMPARE);
        ValueBuilder value = new ValueBuilder();
        int index = start;
        int parentheses = 0;
        while (index < end) {
            char c = source.charAt(index);
            if (c == '\\') {
                index = value.append(source, index, end);
                continue;
            }
            if (afterCompare && c == '(' && index > start) {
                parentheses++;
            } else if (afterCompare && c == ')' && parentheses > 0) {
                parentheses--;
            } else if (parentheses > 0 && c == '"') {
                // A quoted argument inside a call such as relative_time(now(), "-1d") stays in the value.
                int close = index + 1;
                while (close < end && source.charAt(close) != '"') {
                    close += source.charAt(close) == '\\' ? 2 : 1;
                }
                while (index < Math.min(close + 1, end)) {
                    index = value.append(source, index, end);
                }
                continue;
            } else if (parentheses > 0 && (c == ',' || Character.isWhitespace(c))) {
                index = value.append(source, index, end);
                continue;
            } else if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == '"' || c == '`'
                    || c == '[') {
                break;
            } else if (!afterCompare && (c == '=' || c == '<' || c == '>' || (c == '!' && index + 1 < end
                    && source.charAt(index + 1) == '='))) {
                break;
            }
            index = value.append(source, index, end);
        }
        position = index;
        return value.token(Kind.WORD, source.substring(start, index), start, index);
    }

    private SplToken evalToken(int start, char c) throws SplParseException {
        if (c == '\'') {
            SplToken field = quoted(start, '\'', Kind.FIELD_STRING);
            return field;
        }
        if (Character.isDigit(c) || (c == '.' && start + 1 < end && Character.isDigit(source.charAt(start + 1)))) {
            int index = start;
            while (index < end && (Character.isLetterOrDigit(source.charAt(index)) || source.charAt(index) == '.')) {
                index++;
            }
            position = index;
            return simple(Kind.NUMBER, start);
        }
        if (c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '.') {
            position = start + 1;
            return simple(Kind.ARITHMETIC, start);
        }
        if (c == '!') {
            position = start + 1;
            String text = "!";
            return new SplToken(Kind.WORD, text, "NOT", "NOT", false, start, position);
        }
        int index = start;
        while (index < end && isIdentifierPart(source.charAt(index))) {
            index++;
        }
        if (index == start) {
            throw new SplParseException(start, false,
                    "The character '" + c + "' at " + excerpt(start) + " is not part of an eval expression.");
        }
        position = index;
        return simple(Kind.WORD, start);
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '{' || c == '}'
                || c == '@' || c == '$';
    }

    private String excerpt(int start) {
        int stop = Math.min(end, start + 40);
        return "\"" + source.substring(start, stop) + (stop < end ? "..." : "") + "\"";
    }

    /** Collects a value's literal text and its WILDCARD pattern while reading escapes. */
    private static final class ValueBuilder {
        private final StringBuilder literal = new StringBuilder();
        private final StringBuilder pattern = new StringBuilder();
        private boolean wildcard;

        /** Reads the character (or escape) at {@code index} and returns the next index. */
        int append(String source, int index, int end) {
            char c = source.charAt(index);
            if (c == '\\' && index + 1 < end) {
                char escaped = source.charAt(index + 1);
                if (escaped == '\\' || escaped == '"' || escaped == '\'') {
                    literalChar(escaped);
                    return index + 2;
                }
            }
            if (c == '*') {
                literal.append(c);
                pattern.append(c);
                wildcard = true;
            } else {
                literalChar(c);
            }
            return index + 1;
        }

        private void literalChar(char c) {
            literal.append(c);
            if (c == '*' || c == '?' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }

        SplToken token(Kind kind, String text, int start, int stop) {
            return new SplToken(kind, text, literal.toString(), pattern.toString(), wildcard, start, stop);
        }
    }
}
