package org.detectionatlas.sources.elastic;

import static org.detectionatlas.model.Node.addFlattened;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.elastic.EqlLexer.Token;
import org.detectionatlas.sources.elastic.EqlLexer.Type;

/**
 * Turns the row filters of an ES|QL query into a predicate tree: the {@code WHERE} commands that
 * come before the first {@code STATS}, AND-ed together.
 *
 * <p>The query is split into commands at top-level {@code |}. The source command names the index
 * patterns ({@link #indexPatterns}). Each {@code WHERE} before the first aggregation is parsed by
 * this grammar (keywords are case-insensitive):
 * <pre>
 * expr       = and ("or" and)*
 * and        = not ("and" not)*
 * not        = "not" not | comparison
 * comparison = "(" expr ")" | call | field | "true" "in" "(" expr ("," expr)* ")"
 *            | ("to_lower" | "to_upper") "(" field ")" test
 *            | field (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | ":") literal
 *                     | ["not"] "in" "(" literal ("," literal)* ")"
 *                     | ["not"] ("like" | "rlike") (literal | "(" literal ("," literal)* ")")
 *                     | "is" ["not"] "null")
 * </pre>
 * A bare field is a boolean test (EQ true); {@code true IN (c1, c2...)} is the OR of its
 * conditions. {@code KQL("...")} calls are parsed by {@link KqlParser}; starts_with and ends_with
 * become WILDCARD, CIDR_MATCH one CIDR test per range, and a comparison of {@code TO_LOWER(field)}
 * or {@code TO_UPPER(field)} the same test on the field ignoring case. A condition outside this grammar (other functions, computed values, fields made by
 * EVAL) becomes a {@link Node.Opaque} with a notice. The aggregation and every command after it
 * become one Opaque part, so a query with STATS is at best partial.
 */
public final class EsqlParser {
    private static final Set<String> AGGREGATIONS = Set.of("stats", "inlinestats", "inline");
    private static final Set<String> PASSIVE = Set.of("keep", "drop", "sort", "rename", "eval", "limit",
            "mv_expand", "dissect", "grok", "enrich", "lookup", "metadata");
    private static final Pattern EVAL_NAME = Pattern.compile("(?:^|,)\\s*`?([A-Za-z_@][\\w.@]*)`?\\s*=(?!=)");

    private final String query;
    private final List<ParsedQuery.Notice> notices = new ArrayList<>();
    private final Set<String> computed = new LinkedHashSet<>();
    private List<Token> tokens;
    private int index;
    private int depth;

    private EsqlParser(String query) {
        this.query = query;
    }

    /** Parses the row filters of {@code query}; constructs outside the grammar become opaque parts. */
    public static ParsedQuery parse(String query) {
        EsqlParser parser = new EsqlParser(query);
        return new ParsedQuery(parser.pipeline(), parser.notices);
    }

    /** Returns the index patterns that the source command ({@code FROM a, b METADATA _id}) names. */
    public static List<String> indexPatterns(String query) {
        List<int[]> commands = split(query);
        if (commands.isEmpty()) {
            return List.of();
        }
        String source = query.substring(commands.get(0)[0], commands.get(0)[1]).strip();
        if (!source.regionMatches(true, 0, "from", 0, 4) || source.length() < 5
                || !Character.isWhitespace(source.charAt(4))) {
            return List.of();
        }
        String patterns = source.substring(5).replaceAll("(?s)//[^\n]*", " ");
        int metadata = patterns.toLowerCase(Locale.ROOT).indexOf(" metadata ");
        if (metadata >= 0) {
            patterns = patterns.substring(0, metadata);
        }
        List<String> names = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String name = pattern.strip().replace("\"", "");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private Node pipeline() {
        List<int[]> commands = split(query);
        List<Node> parts = new ArrayList<>();
        for (int i = 1; i < commands.size(); i++) {
            int start = skipSpace(commands.get(i)[0]);
            int end = commands.get(i)[1];
            String text = query.substring(start, end);
            String name = firstWord(text);
            if (AGGREGATIONS.contains(name)) {
                int tailEnd = commands.get(commands.size() - 1)[1];
                String tail = query.substring(start, tailEnd).strip();
                notices.add(new ParsedQuery.Notice(start, "esql-aggregation",
                        "The ES|QL commands from \"" + firstLine(tail) + "\" onwards are kept as opaque text."));
                parts.add(new Node.Opaque(tail, "ES|QL aggregation and later commands",
                        Span.ofQuery(start, start + tail.length())));
                break;
            }
            if (name.equals("where")) {
                addFlattened(parts, where(start + 5, end), false);
            } else if (name.equals("eval")) {
                Matcher matcher = EVAL_NAME.matcher(text.substring(4));
                while (matcher.find()) {
                    computed.add(matcher.group(1));
                }
            } else if (!PASSIVE.contains(name)) {
                notices.add(new ParsedQuery.Notice(start, "esql-command",
                        "The ES|QL command \"" + firstLine(text.strip()) + "\" is kept as opaque text."));
                parts.add(new Node.Opaque(text.strip(), "ES|QL command", Span.ofQuery(start, end)));
            }
        }
        if (parts.isEmpty()) {
            return new Node.Opaque(query, "ES|QL query without a row filter", Span.ofQuery(0, query.length()));
        }
        return Node.and(parts);
    }

    private Node where(int start, int end) {
        try {
            // Blanks in place of the earlier commands keep token offsets equal to query offsets.
            tokens = EqlLexer.tokenize(" ".repeat(start) + query.substring(start, end));
            index = 0;
            depth = 0;
            Node node = expr();
            if (peek().type() != Type.EOF) {
                throw new QuerySyntaxException(query, peek().start(), "unexpected \"" + peek().text() + "\"");
            }
            return node;
        } catch (QuerySyntaxException e) {
            String text = query.substring(start, end).strip();
            int[] at = QuerySyntaxException.position(query, e.offset());
            notices.add(new ParsedQuery.Notice(e.offset(), "esql-where",
                    "The ES|QL condition \"" + firstLine(text) + "\" is kept as opaque text: at query line " + at[0]
                            + ", column " + at[1] + ", " + e.reason().replace("Invalid EQL: ", "")
                            + (e.reason().endsWith(".") ? "" : ".")));
            return new Node.Opaque(text, "ES|QL condition outside the supported grammar", Span.ofQuery(start, end));
        } catch (StackOverflowError e) {
            String text = query.substring(start, end).strip();
            notices.add(new ParsedQuery.Notice(start, "esql-where",
                    "The ES|QL condition \"" + firstLine(text) + "\" is kept as opaque text: it nests too deeply."));
            return new Node.Opaque(text, "ES|QL condition outside the supported grammar", Span.ofQuery(start, end));
        }
    }

    private Node expr() throws QuerySyntaxException {
        if (++depth > EqlParser.MAX_DEPTH) {
            throw new QuerySyntaxException(query, peek().start(), "the condition nests deeper than " + EqlParser.MAX_DEPTH + " levels");
        }
        List<Node> children = new ArrayList<>();
        addFlattened(children, and(), true);
        while (peek().is("or")) {
            index++;
            addFlattened(children, and(), true);
        }
        depth--;
        return Node.or(children);
    }

    private Node and() throws QuerySyntaxException {
        List<Node> children = new ArrayList<>();
        addFlattened(children, not(), false);
        while (peek().is("and")) {
            index++;
            addFlattened(children, not(), false);
        }
        return Node.and(children);
    }

    private Node not() throws QuerySyntaxException {
        if (peek().is("not")) {
            index++;
            return new Node.Not(not());
        }
        return comparison();
    }

    private Node comparison() throws QuerySyntaxException {
        Token first = next();
        if (first.is("(")) {
            Node inner = expr();
            expect(")");
            return inner;
        }
        if (first.is("true") && peek().is("in")) {
            return anyOf(first);
        }
        if (first.type() != Type.IDENT) {
            throw new QuerySyntaxException(query, first.start(), "expected a field, a function call or \"(\"");
        }
        if (peek().is("(")) {
            return call(first);
        }
        if (computed.contains(first.value())) {
            return opaqueComparison(first.start(), "esql-computed-field",
                    "a field that EVAL computes");
        }
        if (peek().type() == Type.EOF || peek().is("and") || peek().is("or") || peek().is(")")) {
            // A boolean field used as the whole condition.
            return Predicate.of(first.value(), Operator.EQ, "true", true, first.text(),
                    Span.ofQuery(first.start(), first.end()));
        }
        return fieldTest(first, first.value(), true);
    }

    /** Parses {@code true IN (c1, c2...)}, which is true when any of the conditions is. */
    private Node anyOf(Token first) throws QuerySyntaxException {
        index++;
        expect("(");
        List<Node> conditions = new ArrayList<>();
        do {
            addFlattened(conditions, expr(), true);
        } while (peek().is(",") && next() != null);
        expect(")");
        return Node.or(conditions);
    }

    /**
     * Parses the test after a field. {@code first} is where the comparison starts (the field, or a
     * to_lower call around it), and {@code caseSensitive} false when the field was lowered or
     * uppered first.
     */
    private Node fieldTest(Token first, String field, boolean caseSensitive) throws QuerySyntaxException {
        Token operator = next();
        String op = operator.text().toLowerCase(Locale.ROOT);
        boolean negated = false;
        if (op.equals("not")) {
            negated = true;
            operator = next();
            op = operator.text().toLowerCase(Locale.ROOT);
        }
        if (op.equals("is")) {
            boolean not = peek().is("not");
            if (not) {
                index++;
            }
            expect("null");
            Span span = Span.ofQuery(first.start(), last().end());
            return Predicate.of(field, Operator.EXISTS, not ? "true" : "false", true, text(first, last()), span);
        }
        Node node;
        if (op.equals("in") || ((op.equals("like") || op.equals("rlike")) && peek().is("("))) {
            expect("(");
            List<Node> tests = new ArrayList<>();
            do {
                Token value = literal();
                tests.add(test(field, op, value, text(first, operator) + " " + value.text(),
                        Span.ofQuery(value.start(), value.end()), caseSensitive));
            } while (peek().is(",") && next() != null);
            expect(")");
            node = Node.or(tests);
        } else if (Set.of("==", "!=", "<", "<=", ">", ">=", ":", "like", "rlike").contains(op)) {
            if (peek().type() == Type.IDENT && !peek().is("true") && !peek().is("false")) {
                Node opaque = opaqueComparison(first.start(), "esql-field-comparison", "two fields or a computed value");
                return negated ? new Node.Not(opaque) : opaque;
            }
            Token value = literal();
            node = test(field, op, value, text(first, value), Span.ofQuery(first.start(), value.end()), caseSensitive);
        } else {
            throw new QuerySyntaxException(query, operator.start(), "unexpected \"" + operator.text()
                    + "\"; expected ==, !=, <, <=, >, >=, :, LIKE, RLIKE, IN or IS after the field");
        }
        return negated ? new Node.Not(node) : node;
    }

    private Node test(String field, String op, Token value, String original, Span span, boolean caseSensitive) {
        Node node = test(field, op, value, original, span);
        return caseSensitive ? node : ignoringCase(node);
    }

    private static Node ignoringCase(Node node) {
        if (node instanceof Predicate p) {
            return new Predicate(p.field(), p.operator(), p.value(), false, p.vendorField(), p.original(), p.span());
        }
        if (node instanceof Node.Not not) {
            return new Node.Not(ignoringCase(not.child()));
        }
        return node;
    }

    private Node test(String field, String op, Token value, String original, Span span) {
        String text = value.value();
        switch (op) {
            case "!=":
                return new Node.Not(Predicate.of(field, Operator.EQ, text, true, original, span));
            case "<":
                return Predicate.of(field, Operator.LT, text, true, original, span);
            case "<=":
                return Predicate.of(field, Operator.LTE, text, true, original, span);
            case ">":
                return Predicate.of(field, Operator.GT, text, true, original, span);
            case ">=":
                return Predicate.of(field, Operator.GTE, text, true, original, span);
            case ":":
                return Predicate.of(field, Operator.MATCH, text, false, original, span);
            case "rlike":
                return Predicate.of(field, Operator.REGEX_MATCH, text, true, original, span);
            case "like":
                // ES|QL LIKE escapes * ? and \ with a backslash, the same convention as WILDCARD.
                if (text.indexOf('*') < 0 && text.indexOf('?') < 0 && text.indexOf('\\') < 0) {
                    return Predicate.of(field, Operator.EQ, text, true, original, span);
                }
                return Predicate.of(field, Operator.WILDCARD, text, true, original, span);
            default:
                return Predicate.of(field, Operator.EQ, text, true, original, span);
        }
    }

    private Node call(Token name) throws QuerySyntaxException {
        String function = name.text().toLowerCase(Locale.ROOT);
        int open = index;
        index++;
        List<Token> args = new ArrayList<>();
        int nesting = 1;
        while (nesting > 0) {
            Token token = next();
            if (token.type() == Type.EOF) {
                throw new QuerySyntaxException(query, token.start(), "the function call is not closed");
            }
            nesting += token.is("(") ? 1 : token.is(")") ? -1 : 0;
            if (nesting == 1 && !token.is(",")) {
                args.add(token);
            }
        }
        boolean simple = index - open == args.size() + Math.max(0, args.size() - 1) + 2;
        Span span = Span.ofQuery(name.start(), last().end());
        String original = text(name, last());
        if (!simple) {
            return opaqueComparison(name.start(), "esql-function", "a function or computed value");
        }
        boolean fieldArgument = !args.isEmpty() && args.get(0).type() == Type.IDENT
                && !computed.contains(args.get(0).value()) && !args.get(0).is("true") && !args.get(0).is("false");
        if ((function.equals("to_lower") || function.equals("to_upper")) && args.size() == 1 && fieldArgument
                && !(peek().type() == Type.EOF || peek().is("and") || peek().is("or") || peek().is(")"))) {
            return fieldTest(name, args.get(0).value(), false);
        }
        if (function.equals("cidr_match") && args.size() >= 2 && fieldArgument
                && args.subList(1, args.size()).stream().allMatch(arg -> arg.type() == Type.STRING)
                && (peek().type() == Type.EOF || peek().is("and") || peek().is("or") || peek().is(")"))) {
            List<Node> ranges = new ArrayList<>();
            for (Token range : args.subList(1, args.size())) {
                ranges.add(Predicate.of(args.get(0).value(), Operator.CIDR, range.value(), true, original, span));
            }
            return Node.or(ranges);
        }
        if (function.equals("kql") && args.size() == 1 && args.get(0).type() == Type.STRING) {
            return kql(args.get(0));
        }
        if (args.size() == 2 && args.get(0).type() == Type.IDENT && args.get(1).type() == Type.STRING
                && !computed.contains(args.get(0).value())) {
            String literal = args.get(1).value().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
            if (function.equals("starts_with")) {
                return Predicate.of(args.get(0).value(), Operator.WILDCARD, literal + "*", true, original, span);
            }
            if (function.equals("ends_with")) {
                return Predicate.of(args.get(0).value(), Operator.WILDCARD, "*" + literal, true, original, span);
            }
        }
        return opaqueComparison(name.start(), "esql-function", "a function or computed value");
    }

    private Node kql(Token argument) throws QuerySyntaxException {
        boolean triple = argument.text().startsWith("\"\"\"");
        int begin = argument.start() + (triple ? 3 : 1);
        Node tree = KqlParser.parse(argument.value());
        if (triple) {
            return ElasticReader.shiftSpans(tree, begin);
        }
        int[] rawOffsets = rawOffsets(argument.text().substring(1, argument.text().length() - 1),
                argument.value().length());
        return ElasticReader.mapQueryOffsets(tree, offset -> begin + rawOffsets[Math.min(offset, rawOffsets.length - 1)]);
    }

    /**
     * Maps each offset in the decoded text of a quoted string to its offset in the raw text,
     * which is longer wherever an escape (a backslash before a quote, or a Unicode escape) stands
     * for one character.
     */
    static int[] rawOffsets(String raw, int decodedLength) {
        int[] offsets = new int[decodedLength + 1];
        int decoded = 0;
        int at = 0;
        while (at < raw.length() && decoded < decodedLength) {
            int width = 1;
            int chars = 1;
            if (raw.charAt(at) == '\\' && at + 1 < raw.length()) {
                width = 2;
                if (raw.charAt(at + 1) == 'u') {
                    int close = raw.indexOf('}', at);
                    width = close < 0 ? 2 : close + 1 - at;
                    try {
                        chars = Character.charCount(Integer.parseInt(raw.substring(at + 3, close), 16));
                    } catch (RuntimeException e) {
                        chars = 1;
                    }
                }
            }
            for (int i = 0; i < chars && decoded < decodedLength; i++) {
                offsets[decoded++] = at;
            }
            at += width;
        }
        while (decoded <= decodedLength) {
            offsets[decoded++] = at;
        }
        return offsets;
    }

    /** Skips the rest of the current comparison and returns it as an opaque part. */
    private Node opaqueComparison(int start, String code, String what) {
        int nesting = 0;
        while (peek().type() != Type.EOF) {
            Token token = peek();
            if (nesting == 0 && (token.is("and") || token.is("or") || token.is(")"))) {
                break;
            }
            nesting += token.is("(") ? 1 : token.is(")") ? -1 : 0;
            index++;
        }
        String text = query.substring(start, last().end());
        notices.add(new ParsedQuery.Notice(start, code,
                "The ES|QL condition \"" + text + "\" on " + what + " is kept as opaque text."));
        return new Node.Opaque(text, "ES|QL condition on " + what, Span.ofQuery(start, last().end()));
    }

    private Token literal() throws QuerySyntaxException {
        Token token = next();
        if (token.is("-") && peek().type() == Type.NUMBER) {
            Token number = next();
            return new Token(Type.NUMBER, "-" + number.text(), "-" + number.value(), token.start(), number.end());
        }
        if (token.type() == Type.STRING || token.type() == Type.NUMBER
                || (token.type() == Type.IDENT && Set.of("true", "false").contains(token.text().toLowerCase(Locale.ROOT)))) {
            return token;
        }
        throw new QuerySyntaxException(query, token.start(), "expected a literal");
    }

    private String text(Token from, Token to) {
        return query.substring(from.start(), to.end());
    }

    private void expect(String op) throws QuerySyntaxException {
        if (!peek().is(op)) {
            throw new QuerySyntaxException(query, peek().start(), "expected " + op);
        }
        index++;
    }

    private Token peek() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    private Token next() {
        Token token = peek();
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    private Token last() {
        return tokens.get(Math.max(0, index - 1));
    }


    private int skipSpace(int at) {
        while (at < query.length() && Character.isWhitespace(query.charAt(at))) {
            at++;
        }
        return at;
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Returns the text on one line, cut to 100 characters, for a message. */
    private static String firstLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 100 ? line : line.substring(0, 100) + " ...";
    }

    /** Returns the [start, end) ranges of the commands between top-level pipes. */
    static List<int[]> split(String query) {
        List<int[]> commands = new ArrayList<>();
        int start = 0;
        int nesting = 0;
        int at = 0;
        while (at < query.length()) {
            char c = query.charAt(at);
            if (query.startsWith("\"\"\"", at)) {
                int close = query.indexOf("\"\"\"", at + 3);
                at = close < 0 ? query.length() : close + 3;
                continue;
            }
            if (c == '"') {
                at++;
                while (at < query.length() && query.charAt(at) != '"' && query.charAt(at) != '\n') {
                    at += query.charAt(at) == '\\' ? 2 : 1;
                }
                at++;
                continue;
            }
            if (query.startsWith("//", at)) {
                int newline = query.indexOf('\n', at);
                at = newline < 0 ? query.length() : newline;
                continue;
            }
            if (query.startsWith("/*", at)) {
                int close = query.indexOf("*/", at + 2);
                at = close < 0 ? query.length() : close + 2;
                continue;
            }
            if (c == '(') {
                nesting++;
            } else if (c == ')') {
                nesting--;
            } else if (c == '|' && nesting <= 0) {
                commands.add(new int[] {start, at});
                start = at + 1;
            }
            at++;
        }
        commands.add(new int[] {start, query.length()});
        return commands;
    }
}
