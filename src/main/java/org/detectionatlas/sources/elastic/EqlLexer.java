package org.detectionatlas.sources.elastic;

import java.util.ArrayList;
import java.util.List;

/** Splits an EQL query into tokens with their offsets; strings come out unescaped. */
final class EqlLexer {

    enum Type { IDENT, STRING, NUMBER, OP, EOF }

    /**
     * One token: {@code text} as written, {@code value} the field name without {@code ?} and
     * backticks, or the unescaped string.
     */
    record Token(Type type, String text, String value, int start, int end) {
        boolean is(String op) {
            return (type == Type.OP || type == Type.IDENT) && text.equalsIgnoreCase(op);
        }
    }

    /** Queries longer than this are rejected before lexing. */
    static final int MAX_QUERY_CHARS = 1_000_000;

    private final String query;
    private int pos;

    private EqlLexer(String query) {
        this.query = query;
    }

    static List<Token> tokenize(String query) throws QuerySyntaxException {
        if (query.length() > MAX_QUERY_CHARS) {
            throw new QuerySyntaxException(query, 0,
                    "Invalid EQL: the query has " + query.length() + " characters, more than the maximum of "
                            + MAX_QUERY_CHARS + ".");
        }
        return new EqlLexer(query).run();
    }

    private List<Token> run() throws QuerySyntaxException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= query.length()) {
                tokens.add(new Token(Type.EOF, "", "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() throws QuerySyntaxException {
        int start = pos;
        char c = query.charAt(pos);
        if (query.startsWith("\"\"\"", pos)) {
            int close = query.indexOf("\"\"\"", pos + 3);
            if (close < 0) {
                throw error(start, "the raw string starting here is not closed; expected '\"\"\"'");
            }
            pos = close + 3;
            return new Token(Type.STRING, query.substring(start, pos), query.substring(start + 3, close), start, pos);
        }
        if (c == '?' && pos + 1 < query.length() && query.charAt(pos + 1) == '"') {
            int close = query.indexOf('"', pos + 2);
            if (close < 0) {
                throw error(start, "the raw string starting here is not closed; expected '\"'");
            }
            pos = close + 1;
            return new Token(Type.STRING, query.substring(start, pos), query.substring(start + 2, close), start, pos);
        }
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (Character.isDigit(c)) {
            while (pos < query.length() && (Character.isLetterOrDigit(query.charAt(pos)) || query.charAt(pos) == '.')) {
                pos++;
            }
            String text = query.substring(start, pos);
            return new Token(Type.NUMBER, text, text, start, pos);
        }
        if (isFieldStart(c) || (c == '?' && pos + 1 < query.length() && isFieldStart(query.charAt(pos + 1)))) {
            return field();
        }
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">", ":", "(", ")", "[", "]", ",", "|", "=", "!",
                "~", "+", "-", "*", "/", "%"}) {
            if (query.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Type.OP, op, op, start, pos);
            }
        }
        throw error(start, "unexpected character '" + c + "'; expected a field, a value or an operator");
    }

    private Token field() throws QuerySyntaxException {
        int start = pos;
        StringBuilder name = new StringBuilder();
        if (query.charAt(pos) == '?') {
            pos++;
        }
        while (true) {
            if (pos < query.length() && query.charAt(pos) == '`') {
                int close = query.indexOf('`', pos + 1);
                if (close < 0) {
                    throw error(pos, "the field name in backticks is not closed; expected '`'");
                }
                name.append(query, pos + 1, close);
                pos = close + 1;
            } else {
                int segment = pos;
                while (pos < query.length() && isFieldPart(query.charAt(pos))) {
                    pos++;
                }
                if (segment == pos) {
                    throw error(pos, "a field name ends with '.'; expected another name part");
                }
                name.append(query, segment, pos);
            }
            while (pos < query.length() && query.charAt(pos) == '[') {
                int close = query.indexOf(']', pos);
                if (close < 0) {
                    throw error(pos, "the array index is not closed; expected ']'");
                }
                name.append(query, pos, close + 1);
                pos = close + 1;
            }
            if (pos + 1 < query.length() && query.charAt(pos) == '.'
                    && (isFieldStart(query.charAt(pos + 1)) || Character.isDigit(query.charAt(pos + 1)))) {
                name.append('.');
                pos++;
            } else {
                break;
            }
        }
        return new Token(Type.IDENT, query.substring(start, pos), name.toString(), start, pos);
    }

    private Token string(char quote) throws QuerySyntaxException {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= query.length() || query.charAt(pos) == '\n') {
                throw error(start, "the string starting here is not closed; expected " + quote);
            }
            char c = query.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Type.STRING, query.substring(start, pos), value.toString(), start, pos);
            }
            if (c != '\\') {
                value.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= query.length()) {
                throw error(pos, "the query ends after '\\'; expected an escape sequence");
            }
            char escaped = query.charAt(pos + 1);
            switch (escaped) {
                case '\\', '"', '\'' -> value.append(escaped);
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    pos = unicode(value);
                    continue;
                }
                default -> throw error(pos,
                        "invalid escape sequence '\\" + escaped + "'; expected one of \\\\ \\\" \\' \\n \\r \\t \\b \\f \\u{hex}");
            }
            pos += 2;
        }
    }

    /** Appends the code point of a {@code \\u{hex}} escape at pos; returns the offset after it. */
    private int unicode(StringBuilder value) throws QuerySyntaxException {
        int open = pos + 2;
        int close = query.indexOf('}', open);
        if (open >= query.length() || query.charAt(open) != '{' || close < 0 || close - open > 9 || close == open + 1) {
            throw error(pos, "invalid unicode escape; expected \\u{hex digits}");
        }
        try {
            value.appendCodePoint(Integer.parseInt(query.substring(open + 1, close), 16));
        } catch (IllegalArgumentException e) {
            throw error(pos, "invalid unicode escape \"" + query.substring(pos, close + 1)
                    + "\"; expected \\u{hex digits} naming a code point");
        }
        return close + 1;
    }

    private void skipSpaceAndComments() {
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (query.startsWith("//", pos)) {
                int newline = query.indexOf('\n', pos);
                pos = newline < 0 ? query.length() : newline + 1;
            } else if (query.startsWith("/*", pos)) {
                int close = query.indexOf("*/", pos + 2);
                pos = close < 0 ? query.length() : close + 2;
            } else {
                return;
            }
        }
    }

    private static boolean isFieldStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c == '`';
    }

    private static boolean isFieldPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }

    private QuerySyntaxException error(int at, String reason) {
        return new QuerySyntaxException(query, at, "Invalid EQL: " + reason + ".");
    }
}
