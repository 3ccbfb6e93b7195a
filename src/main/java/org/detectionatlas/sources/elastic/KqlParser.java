package org.detectionatlas.sources.elastic;

import static org.detectionatlas.model.Node.addFlattened;

import java.util.ArrayList;
import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;

/**
 * Parses Kibana Query Language (KQL) into a predicate tree.
 *
 * <p>Grammar, by a hand-written recursive-descent parser (keywords are case-insensitive):
 * <pre>
 * query      = orQuery EOF
 * orQuery    = andQuery ("or" andQuery)*
 * andQuery   = notQuery ("and" notQuery)*
 * notQuery   = "not" notQuery | subQuery
 * subQuery   = "(" orQuery ")" | field ":" "{" orQuery "}" | field rangeOp literal
 *            | field ":" valueList | literal
 * valueList  = "(" orValues ")" | literal
 * orValues   = andValues ("or" andValues)*
 * andValues  = notValues ("and" notValues)*
 * notValues  = "not" notValues | valueList
 * rangeOp    = "&lt;=" | "&gt;=" | "&lt;" | "&gt;"
 * literal    = '"' (escape | [^"\\])* '"' | unquoted
 * unquoted   = (escape | "*" | [^\\():&lt;&gt;"*{} whitespace] | whitespace not before a keyword)+
 * </pre>
 *
 * <p>Mapping: {@code f:v} with a quoted value, or an unquoted value without {@code *}, is EQ;
 * an unquoted value with {@code *} is WILDCARD (a quoted {@code *} is literal); {@code f:*} is
 * EXISTS true; a literal without a field is free text (MATCH, field null); {@code f:{ g:v }}
 * prefixes the inner fields with {@code f.}. KQL compares keyword fields exactly, so EQ and
 * WILDCARD predicates are case-sensitive. The parser does not know whether a field is mapped as
 * keyword or text, so text fields, which Elasticsearch analyzes, are marked case-sensitive too.
 *
 * <p>Each predicate's span covers {@code field:value} in the query; inside a value list it
 * covers the one value, and {@code original} is then {@code field:value} rebuilt from the two.
 */
public final class KqlParser {
    /** Deeper nesting than any real rule; bounds the recursion on hostile input. */
    static final int MAX_DEPTH = 100;

    private final String query;
    private final boolean lucene;
    private int pos;
    private int depth;

    private KqlParser(String query, boolean lucene) {
        this.query = query;
        this.lucene = lucene;
    }

    /** Parses {@code query}, or throws one positioned exception at the first error. */
    public static Node parse(String query) throws QuerySyntaxException {
        return parse(query, false);
    }

    /**
     * Parses a Lucene query-string query as KQL with these additions: {@code /regex/} values
     * (REGEX_MATCH), {@code ?} as a one-character wildcard in unquoted values, ranges
     * {@code f:[a TO b]} and {@code f:{a TO b}} (GTE/GT and LTE/LT, {@code *} for an open side),
     * {@code -} and {@code !} prefixes (NOT) and {@code +} (required, kept as the clause). Boosts
     * ({@code ^2}) are dropped; fuzzy and proximity values ({@code ~}, {@code ~2}) become Opaque.
     */
    public static Node parseLucene(String query) throws QuerySyntaxException {
        return parse(query, true);
    }

    private static Node parse(String query, boolean lucene) throws QuerySyntaxException {
        KqlParser parser = new KqlParser(query, lucene);
        try {
            parser.skipSpace();
            if (parser.atEnd()) {
                throw parser.error("the query is empty; expected a field test or free text");
            }
            Node tree = parser.orQuery("");
            parser.skipSpace();
            if (!parser.atEnd()) {
                throw parser.error("unexpected " + parser.quoteHere() + "; expected \"and\", \"or\" or the end");
            }
            return tree;
        } catch (StackOverflowError e) {
            throw parser.error("the query nests too deeply to parse");
        }
    }

    private Node orQuery(String prefix) throws QuerySyntaxException {
        enter();
        List<Node> children = new ArrayList<>();
        addFlattened(children, andQuery(prefix), true);
        while (keyword("or")) {
            addFlattened(children, andQuery(prefix), true);
        }
        depth--;
        return Node.or(children);
    }

    private Node andQuery(String prefix) throws QuerySyntaxException {
        List<Node> children = new ArrayList<>();
        addFlattened(children, notQuery(prefix), false);
        while (keyword("and")) {
            addFlattened(children, notQuery(prefix), false);
        }
        return Node.and(children);
    }

    private Node notQuery(String prefix) throws QuerySyntaxException {
        skipSpace();
        if (lucene && (peek() == '-' || peek() == '!' || peek() == '+')) {
            // Lucene's prohibit and require prefixes; a required clause is just the clause here.
            boolean prohibit = peek() != '+';
            pos++;
            enter();
            Node child = subQuery(prefix);
            depth--;
            return prohibit ? new Node.Not(child) : child;
        }
        if (keyword("not")) {
            enter();
            Node child = notQuery(prefix);
            depth--;
            return new Node.Not(child);
        }
        return subQuery(prefix);
    }

    private Node subQuery(String prefix) throws QuerySyntaxException {
        skipSpace();
        if (peek() == '(') {
            pos++;
            Node inner = orQuery(prefix);
            expect(')', "\")\" to close the group");
            skipBoost();
            return inner;
        }
        int start = pos;
        Literal first = literal("a field test or free text");
        skipSpace();
        String field = prefix + first.text;
        if (peek() == ':') {
            pos++;
            skipSpace();
            if (lucene && (peek() == '[' || peek() == '{')) {
                return luceneRange(field, start);
            }
            if (peek() == '{') {
                pos++;
                Node inner = orQuery(field + ".");
                expect('}', "\"}\" to close the nested query");
                return inner;
            }
            if (peek() == '(') {
                Node values = valueList(field, first.raw);
                skipBoost();
                return values;
            }
            Literal value = literal("a value after \"" + first.raw + ":\"");
            return predicate(field, value, start, value.end, query.substring(start, value.end));
        }
        String range = rangeOperator();
        if (range != null) {
            skipSpace();
            Literal value = literal("a value after \"" + range + "\"");
            Operator operator = switch (range) {
                case "<" -> Operator.LT;
                case "<=" -> Operator.LTE;
                case ">" -> Operator.GT;
                default -> Operator.GTE;
            };
            return Predicate.of(field, operator, value.text, true, query.substring(start, value.end),
                    Span.ofQuery(start, value.end));
        }
        if (first.fuzzy) {
            return new Node.Opaque(query.substring(start, first.end), "Lucene fuzzy or proximity search",
                    Span.ofQuery(start, first.end));
        }
        return Predicate.of(null, Operator.MATCH, first.text, false, query.substring(start, first.end),
                Span.ofQuery(start, first.end));
    }

    /**
     * Parses a Lucene range {@code [a TO b]} (inclusive) or {@code {a TO b}} (exclusive), brackets mixed
     * freely; {@code *} leaves a side open.
     */
    private Node luceneRange(String field, int start) throws QuerySyntaxException {
        boolean lowerInclusive = query.charAt(pos) == '[';
        pos++;
        String lower = rangeBound();
        skipSpace();
        if (!query.startsWith("TO", pos)) {
            throw error("unexpected " + quoteHere() + "; expected \"TO\" between the bounds of the range");
        }
        pos += 2;
        String upper = rangeBound();
        skipSpace();
        if (peek() != ']' && peek() != '}') {
            throw error("unexpected " + quoteHere() + "; expected \"]\" or \"}\" to close the range");
        }
        boolean upperInclusive = query.charAt(pos) == ']';
        pos++;
        skipBoost();
        String original = query.substring(start, pos);
        Span span = Span.ofQuery(start, pos);
        List<Node> bounds = new ArrayList<>();
        if (!lower.equals("*")) {
            bounds.add(Predicate.of(field, lowerInclusive ? Operator.GTE : Operator.GT, lower, true, original, span));
        }
        if (!upper.equals("*")) {
            bounds.add(Predicate.of(field, upperInclusive ? Operator.LTE : Operator.LT, upper, true, original, span));
        }
        return bounds.isEmpty() ? Predicate.of(field, Operator.EXISTS, "true", true, original, span) : Node.and(bounds);
    }

    private String rangeBound() throws QuerySyntaxException {
        skipSpace();
        if (peek() == '"') {
            return quoted(pos).text;
        }
        int begin = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && peek() != ']' && peek() != '}') {
            pos++;
        }
        if (begin == pos) {
            throw error("unexpected " + quoteHere() + "; expected a range bound or \"*\"");
        }
        return query.substring(begin, pos);
    }

    /** Skips a Lucene boost such as {@code ^2} or {@code ^0.5}: it weighs scores, not matches. */
    private void skipBoost() {
        if (lucene && peek() == '^') {
            pos++;
            while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
        }
    }

    private Node valueList(String field, String rawField) throws QuerySyntaxException {
        enter();
        pos++;
        Node values = orValues(field, rawField);
        expect(')', "\")\" to close the value list");
        depth--;
        return values;
    }

    private Node orValues(String field, String rawField) throws QuerySyntaxException {
        List<Node> children = new ArrayList<>();
        addFlattened(children, andValues(field, rawField), true);
        while (keyword("or")) {
            addFlattened(children, andValues(field, rawField), true);
        }
        return Node.or(children);
    }

    private Node andValues(String field, String rawField) throws QuerySyntaxException {
        List<Node> children = new ArrayList<>();
        addFlattened(children, notValues(field, rawField), false);
        while (keyword("and")) {
            addFlattened(children, notValues(field, rawField), false);
        }
        return Node.and(children);
    }

    private Node notValues(String field, String rawField) throws QuerySyntaxException {
        if (keyword("not")) {
            enter();
            Node child = notValues(field, rawField);
            depth--;
            return new Node.Not(child);
        }
        skipSpace();
        if (peek() == '(') {
            return valueList(field, rawField);
        }
        Literal value = literal("a value in the list of \"" + rawField + "\"");
        return predicate(field, value, value.start, value.end, rawField + ":" + value.raw);
    }

    private Node predicate(String field, Literal value, int start, int end, String original) {
        Span span = Span.ofQuery(start, end);
        if (value.fuzzy) {
            return new Node.Opaque(original, "Lucene fuzzy or proximity search", span);
        }
        if (value.regex) {
            return Predicate.of(field, Operator.REGEX_MATCH, value.text, true, original, span);
        }
        if (!value.quoted && value.text.equals("*") && value.hasWildcard) {
            return Predicate.of(field, Operator.EXISTS, "true", true, original, span);
        }
        boolean caseSensitive = !FieldTypes.isCaseInsensitive(field);
        if (value.hasWildcard) {
            return Predicate.of(field, Operator.WILDCARD, value.pattern, caseSensitive, original, span);
        }
        if (FieldTypes.isAnalyzedText(field)) {
            return Predicate.of(field, Operator.MATCH, value.text, false, original, span);
        }
        return Predicate.of(field, Operator.EQ, value.text, caseSensitive, original, span);
    }

    /**
     * A value or field: {@code text} is the unescaped text, {@code pattern} the WILDCARD form
     * (literal {@code * ? \} escaped), {@code raw} the text as written.
     */
    private record Literal(String text, String pattern, String raw, boolean quoted, boolean hasWildcard,
            boolean regex, int start, int end, boolean fuzzy) {
        Literal(String text, String pattern, String raw, boolean quoted, boolean hasWildcard, boolean regex, int start,
                int end) {
            this(text, pattern, raw, quoted, hasWildcard, regex, start, end, false);
        }
    }

    /**
     * Reads a Lucene boost ({@code ^2}) or fuzziness or proximity ({@code ~}, {@code ~2}) after a
     * value: the boost is dropped, and a fuzzy value is marked, since no predicate states it.
     */
    private Literal luceneSuffix(Literal value) {
        if (!lucene) {
            return value;
        }
        boolean fuzzy = false;
        int end = value.end;
        while (peek() == '^' || peek() == '~') {
            fuzzy |= peek() == '~';
            pos++;
            while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
            end = pos;
        }
        if (end == value.end) {
            return value;
        }
        return new Literal(value.text, value.pattern, value.raw, value.quoted, value.hasWildcard, value.regex,
                value.start, end, fuzzy);
    }

    private Literal literal(String expected) throws QuerySyntaxException {
        return luceneSuffix(literalText(expected));
    }

    private Literal literalText(String expected) throws QuerySyntaxException {
        skipSpace();
        int start = pos;
        if (peek() == '"') {
            return quoted(start);
        }
        if (lucene && peek() == '/') {
            return regex(start);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder pattern = new StringBuilder();
        boolean wildcard = false;
        int end = pos;
        while (!atEnd()) {
            char c = query.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= query.length()) {
                    throw error("the query ends after \"\\\"; expected the escaped character");
                }
                char escaped = unescape(query.charAt(pos + 1));
                text.append(escaped);
                appendLiteral(pattern, escaped);
                pos += 2;
                end = pos;
            } else if (c == '*' || (lucene && c == '?')) {
                text.append(c);
                pattern.append(c);
                wildcard = true;
                pos++;
                end = pos;
            } else if (Character.isWhitespace(c)) {
                int after = pos;
                while (after < query.length() && Character.isWhitespace(query.charAt(after))) {
                    after++;
                }
                if (after >= query.length() || isSpecial(query.charAt(after)) || keywordAt(after)) {
                    break;
                }
                text.append(query, pos, after);
                pattern.append(query, pos, after);
                pos = after;
            } else if (isSpecial(c) || (lucene && (c == '^' || c == '~' || c == '[' || c == ']'))
                    || (pos == start && keywordAt(pos))) {
                break;
            } else {
                text.append(c);
                appendLiteral(pattern, c);
                pos++;
                end = pos;
            }
        }
        if (end == start) {
            throw error("unexpected " + quoteHere() + "; expected " + expected);
        }
        pos = end;
        return new Literal(text.toString(), pattern.toString(), query.substring(start, end), false, wildcard,
                false, start, end);
    }

    private Literal quoted(int start) throws QuerySyntaxException {
        pos++;
        StringBuilder text = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = start;
                throw error("the quoted string starting here is not closed; expected a closing '\"'");
            }
            char c = query.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < query.length() && isQuotedEscape(query.charAt(pos + 1))) {
                text.append(unescape(query.charAt(pos + 1)));
                pos += 2;
            } else {
                text.append(c);
                pos++;
            }
        }
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            appendLiteral(pattern, text.charAt(i));
        }
        return new Literal(text.toString(), pattern.toString(), query.substring(start, pos), true, false, false,
                start, pos);
    }

    private Literal regex(int start) throws QuerySyntaxException {
        int at = start + 1;
        while (at < query.length() && query.charAt(at) != '/') {
            at += query.charAt(at) == '\\' ? 2 : 1;
        }
        if (at >= query.length()) {
            throw error("the regular expression starting here is not closed; expected a closing \"/\"");
        }
        pos = at + 1;
        String regex = query.substring(start + 1, at);
        return new Literal(regex, regex, query.substring(start, pos), false, false, true, start, pos);
    }

    /**
     * Inside quotes KQL escapes only a quote, a backslash and the whitespace letters t, n and r;
     * any other backslash is literal, as in the Windows paths {@code "C:\Program Files\x"}.
     */
    private static boolean isQuotedEscape(char c) {
        return c == '"' || c == '\\' || c == 't' || c == 'n' || c == 'r';
    }

    private static char unescape(char c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> c;
        };
    }

    private static void appendLiteral(StringBuilder pattern, char c) {
        if (c == '*' || c == '?' || c == '\\') {
            pattern.append('\\');
        }
        pattern.append(c);
    }

    private static boolean isSpecial(char c) {
        return c == '\\' || c == '(' || c == ')' || c == ':' || c == '<' || c == '>' || c == '"' || c == '{'
                || c == '}';
    }

    private String rangeOperator() {
        for (String operator : new String[] {"<=", ">=", "<", ">"}) {
            if (query.startsWith(operator, pos)) {
                pos += operator.length();
                return operator;
            }
        }
        return null;
    }

    /** Tests whether {@code and}, {@code or} or {@code not} starts at {@code at} as a whole word. */
    private boolean keywordAt(int at) {
        for (String word : new String[] {"and", "or", "not"}) {
            if (query.regionMatches(true, at, word, 0, word.length())) {
                int after = at + word.length();
                if (after < query.length()
                        && (Character.isWhitespace(query.charAt(after)) || query.charAt(after) == '(')) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean keyword(String word) {
        skipSpace();
        if (keywordAt(pos) && query.regionMatches(true, pos, word, 0, word.length())) {
            pos += word.length();
            return true;
        }
        return false;
    }


    private void enter() throws QuerySyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("the query nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c, String expected) throws QuerySyntaxException {
        skipSpace();
        if (peek() != c) {
            throw error("unexpected " + quoteHere() + "; expected " + expected);
        }
        pos++;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(query.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= query.length();
    }

    private char peek() {
        return atEnd() ? '\0' : query.charAt(pos);
    }

    private String quoteHere() {
        if (atEnd()) {
            return "end of query";
        }
        int end = pos;
        while (end < query.length() && end - pos < 20 && !Character.isWhitespace(query.charAt(end))) {
            end++;
        }
        return "\"" + query.substring(pos, Math.max(end, pos + 1)) + "\"";
    }

    private QuerySyntaxException error(String reason) {
        return new QuerySyntaxException(query, pos, (lucene ? "Invalid Lucene query: " : "Invalid KQL: ") + reason + ".");
    }
}
