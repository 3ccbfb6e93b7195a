package org.detectionatlas.sources.elastic;

import static org.detectionatlas.model.Node.addFlattened;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.elastic.EqlLexer.Token;
import org.detectionatlas.sources.elastic.EqlLexer.Type;

/**
 * Parses Elastic Event Query Language (EQL) into a predicate tree.
 *
 * <p>Grammar, by a hand-written recursive-descent parser over {@link EqlLexer} tokens:
 * <pre>
 * query      = (sequence | sample | event) pipe*
 * event      = category "where" expr
 * sequence   = "sequence" ["by" fields] ["with" "maxspan" "=" duration] step+ ["until" step]
 * sample     = "sample" ["by" fields] step+
 * step       = ["!"] "[" event "]" ["by" fields] ["with" "runs" "=" number]
 * pipe       = "|" name (any token but "|")*
 * expr       = and ("or" and)*
 * and        = not ("and" not)*
 * not        = "not" not | comparison
 * comparison = operand [("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") operand
 *                      | (":" | "like" ["~"] | "regex" ["~"]) (operand | list)
 *                      | ["not"] "in" ["~"] list]
 * operand    = primary (("+" | "-" | "*" | "/" | "%") primary)*
 * primary    = "(" expr ")" | name ["~"] "(" [operand ("," operand)*] ")" | field | string
 *            | ["-"] number | "true" | "false" | "null"
 * list       = "(" operand ("," operand)* ")"
 * </pre>
 *
 * <p>Mapping: {@code category where c} becomes AND(event.category EQ category, c), except for
 * {@code any}. {@code :} compares case-insensitively with {@code *} and {@code ?} wildcards
 * (WILDCARD when the value has one, else EQ); {@code ==}, {@code !=}, {@code in} and {@code like}
 * are case-sensitive and their {@code ~} forms are not. {@code f == null} is EXISTS false and
 * {@code f != null} EXISTS true. startsWith, endsWith, stringContains and wildcard become
 * WILDCARD, cidrMatch CIDR. Other functions, arithmetic, comparisons between two fields and
 * pipes become {@link Node.Opaque} parts with a {@link ParsedQuery.Notice}.
 *
 * <p>Each predicate's span covers the comparison in the query; a predicate made from one item of a
 * list spans that item, and its {@code original} is rebuilt as {@code field operator item}.
 */
public final class EqlParser {
    /** Deeper nesting than any real rule; bounds the recursion on hostile input. */
    static final int MAX_DEPTH = 100;

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "like", "regex", "where",
            "sequence", "sample", "by", "with", "until", "true", "false", "null");

    private final String query;
    private final List<Token> tokens;
    private final List<ParsedQuery.Notice> notices = new ArrayList<>();
    private int index;
    private int depth;

    private EqlParser(String query, List<Token> tokens) {
        this.query = query;
        this.tokens = tokens;
    }

    /** Parses {@code query}, or throws one positioned exception at the first error. */
    public static ParsedQuery parse(String query) throws QuerySyntaxException {
        EqlParser parser = new EqlParser(query, EqlLexer.tokenize(query));
        try {
            return new ParsedQuery(parser.query(), parser.notices);
        } catch (StackOverflowError e) {
            throw parser.error("the query nests too deeply to parse");
        }
    }

    private Node query() throws QuerySyntaxException {
        Node tree;
        if (peek().type() == Type.EOF) {
            throw error("the query is empty; expected \"category where condition\" or \"sequence\"");
        }
        if (peek().is("sequence")) {
            tree = sequence();
        } else if (peek().is("sample")) {
            tree = sample();
        } else {
            tree = event();
        }
        List<Node> parts = new ArrayList<>();
        addFlattened(parts, tree, false);
        while (peek().is("|")) {
            int start = advance().start();
            while (peek().type() != Type.EOF && !peek().is("|")) {
                advance();
            }
            int end = tokens.get(index - 1).end();
            String text = query.substring(start, end);
            notices.add(new ParsedQuery.Notice(start, "eql-pipe",
                    "The EQL pipe \"" + text + "\" is kept as opaque text."));
            parts.add(new Node.Opaque(text, "EQL pipe", Span.ofQuery(start, end)));
        }
        if (peek().type() != Type.EOF) {
            throw error("unexpected " + quote(peek()) + "; expected \"and\", \"or\", \"|\" or the end");
        }
        return Node.and(parts);
    }

    private Node event() throws QuerySyntaxException {
        Token category = peek();
        if (category.type() != Type.IDENT && category.type() != Type.STRING) {
            throw error("unexpected " + quote(category) + "; expected an event category such as \"process\"");
        }
        advance();
        Token where = peek();
        if (!where.is("where")) {
            throw error("unexpected " + quote(where) + "; expected \"where\" after the event category");
        }
        advance();
        Node condition = expr();
        if (category.type() == Type.IDENT && category.text().equalsIgnoreCase("any")) {
            return condition;
        }
        Predicate categoryTest = Predicate.of("event.category", Operator.EQ, category.value(), true,
                query.substring(category.start(), where.end()), Span.ofQuery(category.start(), where.end()));
        List<Node> children = new ArrayList<>(List.of(categoryTest));
        addFlattened(children, condition, false);
        return Node.and(children);
    }

    private Node sequence() throws QuerySyntaxException {
        int start = advance().start();
        List<String> by = new ArrayList<>();
        String maxspan = "";
        while (peek().is("by") || peek().is("with")) {
            if (advance().is("by")) {
                by.addAll(fields());
            } else {
                expectWord("maxspan", "\"maxspan\" after \"with\"");
                expectOp("=", "\"=\" after \"maxspan\"");
                maxspan = duration();
            }
        }
        Steps steps = steps();
        Node until = null;
        if (peek().is("until")) {
            advance();
            Step step = step();
            if (step.by().size() != steps.keyCount()) {
                throw error("the until step joins on " + step.by().size() + " fields but the steps on "
                        + steps.keyCount() + "; expected as many \"by\" fields");
            }
            until = step.node();
        }
        return new Node.Sequence(by, maxspan, steps.nodes(), Span.ofQuery(start, tokens.get(index - 1).end()),
                steps.by(), steps.runs(), until, true);
    }

    /** Reads a duration such as {@code 5m}, {@code 30s} or {@code 1h}, as written. */
    private String duration() throws QuerySyntaxException {
        Token amount = peek();
        if (amount.type() != Type.NUMBER && amount.type() != Type.IDENT) {
            throw error("unexpected " + quote(amount) + "; expected a duration such as 5m");
        }
        advance();
        if (amount.type() == Type.NUMBER && peek().type() == Type.IDENT && peek().start() == amount.end()) {
            return amount.text() + advance().text();
        }
        return amount.text();
    }

    private Node sample() throws QuerySyntaxException {
        int start = advance().start();
        List<String> by = new ArrayList<>();
        if (peek().is("by")) {
            advance();
            by.addAll(fields());
        }
        Steps steps = steps();
        return new Node.Sequence(by, "", steps.nodes(), Span.ofQuery(start, tokens.get(index - 1).end()), steps.by(),
                steps.runs(), null, false);
    }

    /** One bracketed step with its own join keys and repeat count. */
    private record Step(Node node, List<String> by, int runs) {}

    private record Steps(List<Node> nodes, List<List<String>> by, List<Integer> runs) {
        int keyCount() {
            return by.isEmpty() ? 0 : by.get(0).size();
        }
    }

    /** Parses the bracketed steps; every step must name as many join keys as the first. */
    private Steps steps() throws QuerySyntaxException {
        List<Node> nodes = new ArrayList<>();
        List<List<String>> by = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();
        int keyed = -1;
        while (peek().is("[") || peek().is("!")) {
            int start = peek().start();
            Step step = step();
            if (keyed >= 0 && keyed != step.by().size()) {
                throw new QuerySyntaxException(query, start, "Invalid EQL: this step joins on "
                        + step.by().size() + " fields but the first one on " + keyed
                        + "; expected as many \"by\" fields in every step.");
            }
            keyed = step.by().size();
            nodes.add(step.node());
            by.add(step.by());
            runs.add(step.runs());
        }
        if (nodes.isEmpty()) {
            throw error("unexpected " + quote(peek()) + "; expected a step in square brackets");
        }
        return new Steps(nodes, by, runs);
    }

    private Step step() throws QuerySyntaxException {
        boolean missing = false;
        if (peek().is("!")) {
            advance();
            missing = true;
        }
        expectOp("[", "\"[\" to open a step");
        enter();
        Node event = event();
        depth--;
        expectOp("]", "\"]\" to close the step");
        List<String> by = new ArrayList<>();
        int runs = 1;
        while (peek().is("by") || peek().is("with")) {
            if (advance().is("by")) {
                by.addAll(fields());
            } else {
                expectWord("runs", "\"runs\" after \"with\" in a step");
                expectOp("=", "\"=\" after \"runs\"");
                Token count = peek();
                if (count.type() != Type.NUMBER || !count.text().matches("[1-9][0-9]{0,3}")) {
                    throw error("unexpected " + quote(count) + "; expected a run count from 1 to 9999");
                }
                runs = Integer.parseInt(advance().text());
            }
        }
        return new Step(missing ? new Node.Not(event) : event, by, runs);
    }

    private List<String> fields() throws QuerySyntaxException {
        List<String> names = new ArrayList<>();
        while (true) {
            Token field = peek();
            if (field.type() != Type.IDENT || isKeyword(field)) {
                throw error("unexpected " + quote(field) + "; expected a field name after \"by\" or \",\"");
            }
            advance();
            names.add(field.value());
            if (!peek().is(",")) {
                return names;
            }
            advance();
        }
    }

    private Node expr() throws QuerySyntaxException {
        enter();
        List<Node> children = new ArrayList<>();
        addFlattened(children, and(), true);
        while (peek().is("or")) {
            advance();
            addFlattened(children, and(), true);
        }
        depth--;
        return Node.or(children);
    }

    private Node and() throws QuerySyntaxException {
        List<Node> children = new ArrayList<>();
        addFlattened(children, not(), false);
        while (peek().is("and")) {
            advance();
            addFlattened(children, not(), false);
        }
        return Node.and(children);
    }

    private Node not() throws QuerySyntaxException {
        if (peek().is("not")) {
            advance();
            enter();
            Node child = not();
            depth--;
            return new Node.Not(child);
        }
        return comparison();
    }

    /** An operand before the comparison operator is known. */
    private sealed interface Value permits Field, Literal, Call, Condition, Computed {
        int start();

        int end();
    }

    private record Field(String name, int start, int end) implements Value {}

    /** A literal: kind is string, number, boolean or null. */
    private record Literal(String kind, String value, int start, int end) implements Value {}

    private record Call(String name, boolean caseInsensitive, List<Value> args, int start, int end)
            implements Value {}

    private record Condition(Node node, int start, int end) implements Value {}

    private record Computed(int start, int end) implements Value {}

    private Node comparison() throws QuerySyntaxException {
        Value left = operand();
        Token op = peek();
        String operator = null;
        boolean tilde = false;
        boolean negated = false;
        if (op.type() == Type.OP && Set.of("==", "!=", "<", "<=", ">", ">=", ":").contains(op.text())) {
            advance();
            operator = op.text();
        } else if (op.is("like") || op.is("regex") || op.is("in")) {
            advance();
            operator = op.text().toLowerCase(Locale.ROOT);
            tilde = tilde(op);
        } else if (op.is("not") && tokens.get(index + 1).is("in")) {
            advance();
            Token in = advance();
            operator = "in";
            tilde = tilde(in);
            negated = true;
        }
        if (operator == null) {
            return alone(left);
        }
        List<Value> rights;
        boolean list = false;
        if (operator.equals("in") || (peek().is("(") && Set.of(":", "like", "regex").contains(operator))) {
            rights = list();
            list = true;
        } else {
            rights = List.of(operand());
        }
        int end = tokens.get(index - 1).end();
        Node node = compare(left, operator, tilde, rights, list, op.start(), end);
        return negated ? new Node.Not(node) : node;
    }

    private boolean tilde(Token operator) {
        if (peek().is("~") && peek().start() == operator.end()) {
            advance();
            return true;
        }
        return false;
    }

    private Node compare(Value left, String operator, boolean tilde, List<Value> rights, boolean list,
            int operatorStart, int end) {
        int start = left.start();
        String text = query.substring(start, end);
        if (!(left instanceof Field field)) {
            return opaque(start, end, "eql-function",
                    "The comparison \"" + text + "\" applies to a computed value, which is kept as opaque text.");
        }
        List<Node> tests = new ArrayList<>();
        for (Value right : rights) {
            if (right instanceof Field) {
                return opaque(start, end, "eql-field-comparison",
                        "The comparison between two fields \"" + text + "\" is kept as opaque text.");
            }
            if (!(right instanceof Literal literal)) {
                return opaque(start, end, "eql-function",
                        "The comparison \"" + text + "\" against a computed value is kept as opaque text.");
            }
            String original = list
                    ? query.substring(field.start(), field.end()) + " " + query.substring(operatorStart,
                            operatorEnd(operatorStart)) + " " + query.substring(literal.start(), literal.end())
                    : text;
            Span span = list ? Span.ofQuery(literal.start(), literal.end()) : Span.ofQuery(start, end);
            tests.add(test(field.name(), operator, tilde, literal, original, span));
        }
        return Node.or(tests);
    }

    private int operatorEnd(int operatorStart) {
        int at = index - 1;
        while (at > 0 && tokens.get(at).start() > operatorStart) {
            at--;
        }
        int end = tokens.get(at).end();
        if (tokens.get(at + 1).is("~") && tokens.get(at + 1).start() == end) {
            end++;
        }
        return tokens.get(at).is("not") ? tokens.get(at + 1).end() : end;
    }

    private Node test(String field, String operator, boolean tilde, Literal literal, String original, Span span) {
        boolean isNull = literal.kind().equals("null");
        switch (operator) {
            case "==":
                return isNull ? Predicate.of(field, Operator.EXISTS, "false", true, original, span)
                        : Predicate.of(field, Operator.EQ, literal.value(), true, original, span);
            case "!=":
                return isNull ? Predicate.of(field, Operator.EXISTS, "true", true, original, span)
                        : new Node.Not(Predicate.of(field, Operator.EQ, literal.value(), true, original, span));
            case "<":
                return Predicate.of(field, Operator.LT, literal.value(), true, original, span);
            case "<=":
                return Predicate.of(field, Operator.LTE, literal.value(), true, original, span);
            case ">":
                return Predicate.of(field, Operator.GT, literal.value(), true, original, span);
            case ">=":
                return Predicate.of(field, Operator.GTE, literal.value(), true, original, span);
            case ":":
                if (isNull) {
                    return Predicate.of(field, Operator.EXISTS, "false", true, original, span);
                }
                return wildcardOrEquals(field, literal.value(), false, original, span);
            case "like":
                return wildcardOrEquals(field, literal.value(), !tilde, original, span);
            case "regex":
                return Predicate.of(field, Operator.REGEX_MATCH, literal.value(), !tilde, original, span);
            default:
                return Predicate.of(field, Operator.EQ, literal.value(), !tilde, original, span);
        }
    }

    private static Predicate wildcardOrEquals(String field, String pattern, boolean caseSensitive, String original,
            Span span) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return Predicate.of(field, Operator.EQ, pattern, caseSensitive, original, span);
        }
        return Predicate.of(field, Operator.WILDCARD, pattern.replace("\\", "\\\\"), caseSensitive, original, span);
    }

    /** A value used as a condition by itself: a parenthesized condition or a function call. */
    private Node alone(Value value) {
        if (value instanceof Condition condition) {
            return condition.node();
        }
        String text = query.substring(value.start(), value.end());
        if (value instanceof Call call) {
            Node mapped = function(call, text);
            if (mapped != null) {
                return mapped;
            }
            return opaque(value.start(), value.end(), "eql-function",
                    "The function call \"" + text + "\" is kept as opaque text.");
        }
        return opaque(value.start(), value.end(), "eql-bare-value",
                "The value \"" + text + "\" used as a whole condition is kept as opaque text.");
    }

    /** Maps startsWith, endsWith, stringContains, wildcard and cidrMatch; null for other calls. */
    private Node function(Call call, String text) {
        String name = call.name().toLowerCase(Locale.ROOT);
        if (!Set.of("startswith", "endswith", "stringcontains", "wildcard", "cidrmatch").contains(name)
                || call.args().size() < 2 || !(call.args().get(0) instanceof Field field)) {
            return null;
        }
        List<Node> tests = new ArrayList<>();
        for (Value arg : call.args().subList(1, call.args().size())) {
            if (!(arg instanceof Literal literal) || !literal.kind().equals("string")) {
                return null;
            }
            String escaped = escapeWildcard(literal.value());
            Span span = Span.ofQuery(call.start(), call.end());
            boolean caseSensitive = !call.caseInsensitive();
            Predicate test = switch (name) {
                case "startswith" -> Predicate.of(field.name(), Operator.WILDCARD, escaped + "*", caseSensitive, text,
                        span);
                case "endswith" -> Predicate.of(field.name(), Operator.WILDCARD, "*" + escaped, caseSensitive, text,
                        span);
                case "stringcontains" -> Predicate.of(field.name(), Operator.WILDCARD, "*" + escaped + "*",
                        caseSensitive, text, span);
                case "wildcard" -> Predicate.of(field.name(), Operator.WILDCARD,
                        literal.value().replace("\\", "\\\\"), caseSensitive, text, span);
                default -> Predicate.of(field.name(), Operator.CIDR, literal.value(), true, text, span);
            };
            tests.add(test);
        }
        return Node.or(tests);
    }

    private static String escapeWildcard(String literal) {
        return literal.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private List<Value> list() throws QuerySyntaxException {
        expectOp("(", "\"(\" to open the value list");
        List<Value> values = new ArrayList<>();
        values.add(operand());
        while (peek().is(",")) {
            advance();
            values.add(operand());
        }
        expectOp(")", "\")\" or \",\" in the value list");
        return values;
    }

    private Value operand() throws QuerySyntaxException {
        int noticesBefore = notices.size();
        Value first = primary();
        Value result = first;
        while (peek().type() == Type.OP && Set.of("+", "-", "*", "/", "%").contains(peek().text())) {
            advance();
            Value next = primary();
            result = new Computed(first.start(), next.end());
        }
        if (result instanceof Computed || result instanceof Call) {
            // The enclosing comparison or call is reported as a whole, so notices from inside it go.
            notices.subList(noticesBefore, notices.size()).clear();
        }
        return result;
    }

    private Value primary() throws QuerySyntaxException {
        Token token = peek();
        advance();
        if (token.is("(")) {
            Node inner = expr();
            Token close = expectOp(")", "\")\" to close the group");
            return new Condition(inner, token.start(), close.end());
        }
        if (token.type() == Type.STRING) {
            return new Literal("string", token.value(), token.start(), token.end());
        }
        if (token.type() == Type.NUMBER) {
            return new Literal("number", token.value(), token.start(), token.end());
        }
        if (token.is("-") && peek().type() == Type.NUMBER) {
            Token number = advance();
            return new Literal("number", "-" + number.value(), token.start(), number.end());
        }
        if (token.type() == Type.IDENT) {
            String word = token.text().toLowerCase(Locale.ROOT);
            if (word.equals("true") || word.equals("false")) {
                return new Literal("boolean", word, token.start(), token.end());
            }
            if (word.equals("null")) {
                return new Literal("null", word, token.start(), token.end());
            }
            if (!isKeyword(token)) {
                boolean tilde = peek().is("~") && peek().start() == token.end() && tokens.get(index + 1).is("(");
                if (tilde) {
                    advance();
                }
                if (peek().is("(") && !token.text().startsWith("?")) {
                    return call(token, tilde);
                }
                return new Field(token.value(), token.start(), token.end());
            }
        }
        if (token.type() != Type.EOF) {
            index--;
        }
        throw error("unexpected " + quote(token) + "; expected a field, a value, a function call or \"(\"");
    }

    private Value call(Token name, boolean caseInsensitive) throws QuerySyntaxException {
        advance();
        enter();
        List<Value> args = new ArrayList<>();
        if (!peek().is(")")) {
            args.add(operand());
            while (peek().is(",")) {
                advance();
                args.add(operand());
            }
        }
        depth--;
        Token close = expectOp(")", "\")\" or \",\" in the arguments of " + name.text());
        return new Call(name.text(), caseInsensitive, args, name.start(), close.end());
    }

    private Node opaque(int start, int end, String code, String message) {
        notices.add(new ParsedQuery.Notice(start, code, message));
        String reason = switch (code) {
            case "eql-field-comparison" -> "EQL comparison between two fields";
            case "eql-bare-value" -> "EQL value used as a condition";
            default -> "EQL function or computed value";
        };
        return new Node.Opaque(query.substring(start, end), reason, Span.ofQuery(start, end));
    }

    private static boolean isKeyword(Token token) {
        return token.type() == Type.IDENT && KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT));
    }


    private void enter() throws QuerySyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("the query nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Token expectOp(String op, String expected) throws QuerySyntaxException {
        if (!peek().is(op)) {
            throw error("unexpected " + quote(peek()) + "; expected " + expected);
        }
        return advance();
    }

    private void expectWord(String word, String expected) throws QuerySyntaxException {
        if (!peek().is(word)) {
            throw error("unexpected " + quote(peek()) + "; expected " + expected);
        }
        advance();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (token.type() != Type.EOF) {
            index++;
        }
        return token;
    }

    private static String quote(Token token) {
        return token.type() == Type.EOF ? "end of query" : "\"" + token.text() + "\"";
    }

    private QuerySyntaxException error(String reason) {
        return new QuerySyntaxException(query, peek().start(), "Invalid EQL: " + reason + ".");
    }
}
