package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Reads the boolean expression of the search command, and of a tstats where clause, into a
 * predicate tree.
 *
 * <p>Grammar, with SPL's precedence for the search command (NOT binds tightest, then OR, then
 * AND, so {@code a b OR c} means {@code a AND (b OR c)}):
 *
 * <pre>
 * expression  = disjunction { ["AND"] disjunction }
 * disjunction = negation { "OR" negation }
 * negation    = "NOT" negation | primary
 * primary     = "(" expression ")" | comparison | term
 * comparison  = field ("=" | "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") value
 *             | field "IN" "(" value { [","] value } ")"
 * field       = WORD | STRING
 * value       = WORD | STRING
 * term        = WORD | STRING | MACRO | SUBSEARCH | WORD "(" ... ")"
 * </pre>
 *
 * AND, OR and NOT are keywords only in upper case, as in SPL, but IN is accepted in any case.
 * Search values compare case-insensitively, and an unescaped {@code *} makes a WILDCARD.
 */
final class SplSearchParser {

    /** Deepest nesting of parentheses and NOT accepted before the expression is rejected. */
    static final int MAX_DEPTH = 100;

    private final String source;
    private final List<SplToken> tokens;
    private final Set<String> computedFields;
    private int index;
    private int depth;

    private SplSearchParser(String source, List<SplToken> tokens, Set<String> computedFields) {
        this.source = source;
        this.tokens = tokens;
        this.computedFields = computedFields;
    }

    /**
     * Parses the tokens (ending with END) into a tree, or returns null when they hold no test.
     *
     * @param computedFields fields that an earlier eval, rex or lookup produced: tests on them
     *     become Opaque because they do not test the event as logged
     */
    static Node parse(String source, List<SplToken> tokens, Set<String> computedFields) throws SplParseException {
        SplSearchParser parser = new SplSearchParser(source, tokens, computedFields);
        if (parser.peek().is(Kind.END)) {
            return null;
        }
        Node tree = parser.expression();
        SplToken rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw new SplParseException(rest.start(), false,
                    "Unexpected \"" + rest.text() + "\" where a search term or the end of the search was expected.");
        }
        return tree;
    }

    private SplToken peek() {
        return tokens.get(index);
    }

    private SplToken peekAt(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private SplToken advance() {
        SplToken token = tokens.get(index);
        if (!token.is(Kind.END)) {
            index++;
        }
        return token;
    }

    private Node expression() throws SplParseException {
        enter();
        List<Node> children = new ArrayList<>();
        addFlattened(children, disjunction(), Node.And.class);
        while (startsOperand(peek()) || isOperator(peek(), "AND")) {
            if (isOperator(peek(), "AND")) {
                advance();
            }
            addFlattened(children, disjunction(), Node.And.class);
        }
        depth--;
        return Node.and(children);
    }

    private Node disjunction() throws SplParseException {
        List<Node> children = new ArrayList<>();
        addFlattened(children, negation(), Node.Or.class);
        while (isOperator(peek(), "OR")) {
            advance();
            addFlattened(children, negation(), Node.Or.class);
        }
        return Node.or(children);
    }

    private Node negation() throws SplParseException {
        if (isOperator(peek(), "NOT")) {
            advance();
            enter();
            Node child = negation();
            depth--;
            return new Node.Not(child);
        }
        return primary();
    }

    private Node primary() throws SplParseException {
        SplToken token = peek();
        if (token.is(Kind.LPAREN)) {
            advance();
            Node inner = expression();
            expect(Kind.RPAREN, "a closing parenthesis");
            return inner;
        }
        boolean fieldLike = token.is(Kind.WORD) || token.is(Kind.STRING);
        if (fieldLike && peekAt(1).is(Kind.COMPARE)) {
            return comparison();
        }
        if (fieldLike && peekAt(1).isKeyword("IN") && peekAt(2).is(Kind.LPAREN)) {
            return inList();
        }
        if (token.is(Kind.WORD) && peekAt(1).is(Kind.LPAREN) && peekAt(1).start() == token.end()) {
            return functionTerm();
        }
        advance();
        switch (token.kind()) {
            case WORD:
            case STRING:
                return Predicate.of(null, Operator.MATCH, token.literal(), false, token.text(), span(token, token));
            case MACRO:
                return new Node.Opaque(token.text(), "macro " + token.text() + " is not defined in the corpus",
                        span(token, token));
            case SUBSEARCH:
                return new Node.Opaque(token.text(), "subsearch results are not known when the rule is read",
                        span(token, token));
            default:
                throw new SplParseException(token.start(), false, "Unexpected \"" + token.text()
                        + "\" where a search term, a field comparison or \"(\" was expected.");
        }
    }

    private Node comparison() throws SplParseException {
        SplToken field = advance();
        SplToken operator = advance();
        SplToken value = peek();
        if (!value.is(Kind.WORD) && !value.is(Kind.STRING)) {
            throw new SplParseException(value.start(), false, "The comparison \"" + field.text() + operator.text()
                    + "\" has no value: found \"" + value.text() + "\" where a word or a quoted value was expected.");
        }
        advance();
        Span span = span(field, value);
        String original = source.substring(field.start(), value.end());
        String name = field.literal();
        if (computedFields.contains(name)) {
            return computedFieldTest(name, original, span);
        }
        switch (operator.text()) {
            case "=":
            case "==":
                return equality(name, value, original, span);
            case "!=":
                return new Node.Not(equality(name, value, original, span));
            default:
                return Predicate.of(name, ordering(operator.text()), value.literal(), false, original, span);
        }
    }

    private Node inList() throws SplParseException {
        SplToken field = advance();
        advance();
        advance();
        List<SplToken> values = new ArrayList<>();
        while (!peek().is(Kind.RPAREN)) {
            SplToken value = advance();
            if (value.is(Kind.COMMA)) {
                continue;
            }
            if (!value.is(Kind.WORD) && !value.is(Kind.STRING)) {
                throw new SplParseException(value.start(), value.is(Kind.END), "The list of \"" + field.text()
                        + " IN (\" holds \"" + value.text() + "\" where a value, a comma or \")\" was expected.");
            }
            values.add(value);
        }
        SplToken close = advance();

        Span span = span(field, close);
        String original = source.substring(field.start(), close.end());
        String name = field.literal();
        if (computedFields.contains(name)) {
            return computedFieldTest(name, original, span);
        }

        List<Node> alternatives = new ArrayList<>();
        for (SplToken value : values) {
            alternatives.add(equality(name, value, original, span));
        }
        if (alternatives.isEmpty()) {
            throw new SplParseException(close.start(), false,
                    "The list of \"" + original + "\" is empty where at least one value was expected.");
        }
        return Node.or(alternatives);
    }

    /** Keeps a search-time function such as TERM(x) or CASE(x) whole, as the atlas has no form for it. */
    private Node functionTerm() throws SplParseException {
        SplToken name = advance();
        int nesting = 0;
        SplToken last;
        do {
            last = advance();
            if (last.is(Kind.END)) {
                throw new SplParseException(name.start(), true,
                        "The call \"" + name.text() + "(\" has no closing parenthesis.");
            }
            if (last.is(Kind.LPAREN)) {
                nesting++;
            } else if (last.is(Kind.RPAREN)) {
                nesting--;
            }
        } while (nesting > 0);
        String text = source.substring(name.start(), last.end());
        return new Node.Opaque(text, "the search function " + name.text() + "() has no predicate form",
                span(name, last));
    }

    private Node computedFieldTest(String field, String original, Span span) {
        return new Node.Opaque(original, "filter on " + field
                + ", a field computed by an earlier eval, rex, lookup or rename", span);
    }

    static Predicate equality(String field, SplToken value, String original, Span span) {
        if (value.wildcard()) {
            return Predicate.of(field, Operator.WILDCARD, value.pattern(), false, original, span);
        }
        return Predicate.of(field, Operator.EQ, value.literal(), false, original, span);
    }

    static Operator ordering(String operator) {
        switch (operator) {
            case "<":
                return Operator.LT;
            case "<=":
                return Operator.LTE;
            case ">":
                return Operator.GT;
            case ">=":
                return Operator.GTE;
            default:
                throw new IllegalArgumentException("not an ordering: " + operator);
        }
    }

    private void expect(Kind kind, String description) throws SplParseException {
        SplToken token = peek();
        if (!token.is(kind)) {
            throw new SplParseException(token.start(), token.is(Kind.END), "Found \""
                    + (token.is(Kind.END) ? "the end of the search" : token.text()) + "\" where " + description
                    + " was expected.");
        }
        advance();
    }

    private void enter() throws SplParseException {
        depth++;
        if (depth > MAX_DEPTH) {
            throw new SplParseException(peek().start(), false,
                    "The expression nests deeper than " + MAX_DEPTH + " parentheses or NOT operators.");
        }
    }

    private static boolean isOperator(SplToken token, String keyword) {
        return token.is(Kind.WORD) && token.text().equals(keyword);
    }

    private static boolean startsOperand(SplToken token) {
        if (token.is(Kind.WORD)) {
            return !token.text().equals("OR") && !token.text().equals("AND");
        }
        return token.is(Kind.LPAREN) || token.is(Kind.STRING) || token.is(Kind.MACRO) || token.is(Kind.SUBSEARCH);
    }

    private static void addFlattened(List<Node> children, Node child, Class<? extends Node> kind) {
        if (kind == Node.And.class && child instanceof Node.And and) {
            children.addAll(and.children());
        } else if (kind == Node.Or.class && child instanceof Node.Or or) {
            children.addAll(or.children());
        } else {
            children.add(child);
        }
    }

    private static Span span(SplToken first, SplToken last) {
        return Span.ofQuery(first.start(), last.end());
    }
}
