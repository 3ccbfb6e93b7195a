package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Reads the eval expression of a where command into a predicate tree.
 *
 * <p>Grammar, with keywords in any case (NOT binds tightest, then AND, then OR):
 *
 * <pre>
 * expression = conjunction { ("OR" | "XOR") conjunction }
 * conjunction = negation { "AND" negation }
 * negation   = ("NOT" | "!") negation | comparison
 * comparison = operand [ COMPARE operand | "LIKE" operand | ["NOT"] "IN" "(" operand { "," operand } ")" ]
 * operand    = term { ARITHMETIC term }
 * term       = "(" expression ")" | WORD "(" [ expression { "," expression } ] ")"
 *            | WORD | FIELD_STRING | STRING | NUMBER | "-" term | MACRO | SUBSEARCH
 * </pre>
 *
 * Comparisons of a field with a literal become predicates that compare case-sensitively, as
 * eval does. Wrapping the field in {@code lower(f)} or {@code upper(f)} makes them case-insensitive.
 * The functions like, match, cidrmatch, isnull and isnotnull become WILDCARD, REGEX_MATCH, CIDR
 * and EXISTS tests. Any other condition is kept as an Opaque node with its text.
 */
final class SplWhereParser {

    private final String source;
    private final List<SplToken> tokens;
    private final Set<String> computedFields;
    private int index;
    private int depth;

    /** A parsed operand or condition with the range of text it covers. */
    private sealed interface Expr permits FieldRef, Literal, Call, Condition, Other {
        int start();

        int end();
    }

    private record FieldRef(String name, int start, int end) implements Expr {}

    private record Literal(String value, boolean number, int start, int end) implements Expr {}

    private record Call(String name, List<Expr> arguments, int start, int end) implements Expr {}

    private record Condition(Node node, int start, int end) implements Expr {}

    private record Other(int start, int end) implements Expr {}

    private SplWhereParser(String source, List<SplToken> tokens, Set<String> computedFields) {
        this.source = source;
        this.tokens = tokens;
        this.computedFields = computedFields;
    }

    /** Parses the tokens (ending with END) into a tree, or returns null when there are none. */
    static Node parse(String source, List<SplToken> tokens, Set<String> computedFields) throws SplParseException {
        SplWhereParser parser = new SplWhereParser(source, tokens, computedFields);
        if (parser.peek().is(Kind.END)) {
            return null;
        }
        Expr expression = parser.expression();
        SplToken rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw new SplParseException(rest.start(), false, "Unexpected \"" + rest.text()
                    + "\" where an operator or the end of the where condition was expected.");
        }
        return parser.condition(expression);
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

    private Expr expression() throws SplParseException {
        enter();
        Expr first = conjunction();
        List<Node> children = new ArrayList<>();
        boolean exclusive = false;
        Expr last = first;
        while (peek().isKeyword("OR") || peek().isKeyword("XOR")) {
            if (children.isEmpty()) {
                addFlattened(children, condition(first), Node.Or.class);
            }
            exclusive |= advance().isKeyword("XOR");
            last = conjunction();
            addFlattened(children, condition(last), Node.Or.class);
        }
        depth--;
        if (children.isEmpty()) {
            return first;
        }
        if (exclusive) {
            return new Condition(opaque(first.start(), last.end(), "XOR has no predicate form"), first.start(),
                    last.end());
        }
        return new Condition(Node.or(children), first.start(), last.end());
    }

    private Expr conjunction() throws SplParseException {
        Expr first = negation();
        List<Node> children = new ArrayList<>();
        Expr last = first;
        while (peek().isKeyword("AND")) {
            if (children.isEmpty()) {
                addFlattened(children, condition(first), Node.And.class);
            }
            advance();
            last = negation();
            addFlattened(children, condition(last), Node.And.class);
        }
        if (children.isEmpty()) {
            return first;
        }
        return new Condition(Node.and(children), first.start(), last.end());
    }

    private Expr negation() throws SplParseException {
        SplToken token = peek();
        if (token.isKeyword("NOT") || (token.is(Kind.WORD) && token.text().equals("!"))) {
            advance();
            enter();
            Expr child = negation();
            depth--;
            return new Condition(new Node.Not(condition(child)), token.start(), child.end());
        }
        return comparison();
    }

    private Expr comparison() throws SplParseException {
        Expr left = operand();
        SplToken token = peek();
        if (token.is(Kind.COMPARE)) {
            advance();
            Expr right = operand();
            return new Condition(compare(left, token.text(), right), left.start(), right.end());
        }
        if (token.isKeyword("LIKE")) {
            advance();
            Expr right = operand();
            return new Condition(like(left, right, null), left.start(), right.end());
        }
        boolean negated = token.isKeyword("NOT") && peekAt(1).isKeyword("IN");
        if (token.isKeyword("IN") || negated) {
            if (negated) {
                advance();
            }
            advance();
            expect(Kind.LPAREN, "\"(\" after IN");
            List<Expr> values = new ArrayList<>();
            values.add(expression());
            while (peek().is(Kind.COMMA)) {
                advance();
                values.add(expression());
            }
            SplToken close = expect(Kind.RPAREN, "\",\" or \")\" in the IN list");
            Node node = in(left, values, close.end());
            return new Condition(negated ? new Node.Not(node) : node, left.start(), close.end());
        }
        return left;
    }

    private Expr operand() throws SplParseException {
        Expr first = term();
        if (!peek().is(Kind.ARITHMETIC)) {
            return first;
        }
        Expr last = first;
        while (peek().is(Kind.ARITHMETIC)) {
            advance();
            last = term();
        }
        return new Other(first.start(), last.end());
    }

    private Expr term() throws SplParseException {
        SplToken token = advance();
        switch (token.kind()) {
            case LPAREN: {
                Expr inner = expression();
                SplToken close = expect(Kind.RPAREN, "a closing parenthesis");
                return rerange(inner, token.start(), close.end());
            }
            case WORD:
                if (peek().is(Kind.LPAREN)) {
                    return call(token);
                }
                return new FieldRef(token.text(), token.start(), token.end());
            case FIELD_STRING:
                return new FieldRef(token.literal(), token.start(), token.end());
            case STRING:
                return new Literal(token.literal(), false, token.start(), token.end());
            case NUMBER:
                return new Literal(token.text(), true, token.start(), token.end());
            case ARITHMETIC:
                if (token.text().equals("-")) {
                    Expr negated = term();
                    if (negated instanceof Literal literal && literal.number()) {
                        return new Literal("-" + literal.value(), true, token.start(), negated.end());
                    }
                    return new Other(token.start(), negated.end());
                }
                break;
            case MACRO:
            case SUBSEARCH:
                return new Other(token.start(), token.end());
            default:
                break;
        }
        throw new SplParseException(token.start(), token.is(Kind.END), "Found \""
                + (token.is(Kind.END) ? "the end of the condition" : token.text())
                + "\" where a field, a value, a function call or \"(\" was expected.");
    }

    private Expr call(SplToken name) throws SplParseException {
        advance();
        List<Expr> arguments = new ArrayList<>();
        if (!peek().is(Kind.RPAREN)) {
            arguments.add(expression());
            while (peek().is(Kind.COMMA)) {
                advance();
                arguments.add(expression());
            }
        }
        SplToken close = expect(Kind.RPAREN, "\",\" or \")\" in the call of " + name.text() + "()");
        return new Call(name.text().toLowerCase(Locale.ROOT), arguments, name.start(), close.end());
    }

    /** Turns an expression used as a condition into a node. */
    private Node condition(Expr expr) {
        if (expr instanceof Condition condition) {
            return condition.node();
        }
        if (expr instanceof Call call) {
            Node node = function(call);
            if (node != null) {
                return node;
            }
        }
        return opaque(expr.start(), expr.end(), "the condition has no predicate form");
    }

    private Node function(Call call) {
        List<Expr> arguments = call.arguments();
        switch (call.name()) {
            case "like":
                return arguments.size() == 2 ? like(arguments.get(0), arguments.get(1), call) : null;
            case "match":
                if (arguments.size() == 2) {
                    return test(arguments.get(0), Operator.REGEX_MATCH, arguments.get(1), call);
                }
                return null;
            case "cidrmatch":
                if (arguments.size() == 2) {
                    return test(arguments.get(1), Operator.CIDR, arguments.get(0), call);
                }
                return null;
            case "isnull":
            case "isnotnull": {
                if (arguments.size() != 1) {
                    return null;
                }
                String exists = call.name().equals("isnull") ? "false" : "true";
                Expr literal = new Literal(exists, false, call.start(), call.end());
                return test(arguments.get(0), Operator.EXISTS, literal, call);
            }
            default:
                return null;
        }
    }

    private Node like(Expr field, Expr pattern, Call wholeCall) {
        if (!(pattern instanceof Literal literal) || literal.number()) {
            return opaque(field.start(), pattern.end(), "the LIKE pattern is not a quoted string");
        }
        Expr converted = new Literal(likeToWildcard(literal.value()), false, pattern.start(), pattern.end());
        return test(field, Operator.WILDCARD, converted, wholeCall);
    }

    private Node compare(Expr left, String operator, Expr right) {
        if (!isField(left) && isField(right)) {
            return compare(right, flip(operator), left);
        }
        if (!(right instanceof Literal)) {
            return opaque(left.start(), right.end(), "the comparison does not test a field against a literal");
        }
        switch (operator) {
            case "=":
            case "==":
                return test(left, Operator.EQ, right, null);
            case "!=": {
                Node equal = test(left, Operator.EQ, right, null);
                return equal instanceof Node.Opaque ? equal : new Node.Not(equal);
            }
            default:
                return test(left, SplSearchParser.ordering(operator), right, null);
        }
    }

    private Node in(Expr field, List<Expr> values, int end) {
        List<Node> alternatives = new ArrayList<>();
        for (Expr value : values) {
            if (!(value instanceof Literal)) {
                return opaque(field.start(), end, "the IN list holds a value that is not a literal");
            }
            Node equal = test(field, Operator.EQ, value, null);
            if (equal instanceof Node.Opaque refused) {
                return opaque(field.start(), end, refused.reason());
            }
            alternatives.add(equal);
        }
        Node node = Node.or(alternatives);
        return rewriteOriginal(node, field.start(), end);
    }

    /** Gives each predicate of an IN list the text and range of the whole list. */
    private Node rewriteOriginal(Node node, int start, int end) {
        String original = source.substring(start, end);
        Span span = Span.ofQuery(start, end);
        if (node instanceof Predicate predicate) {
            return Predicate.of(predicate.vendorField(), predicate.operator(), predicate.value(),
                    predicate.caseSensitive(), original, span);
        }
        List<Node> children = new ArrayList<>();
        for (Node child : ((Node.Or) node).children()) {
            children.add(rewriteOriginal(child, start, end));
        }
        return Node.or(children);
    }

    /**
     * Builds the predicate {@code field operator value}, where the field may be wrapped in lower()
     * or upper(). Returns an Opaque node when {@code field} is not a field or was computed.
     */
    private Node test(Expr field, Operator operator, Expr value, Call wholeCall) {
        int start = wholeCall != null ? wholeCall.start() : Math.min(field.start(), value.start());
        int end = wholeCall != null ? wholeCall.end() : Math.max(field.end(), value.end());
        boolean caseSensitive = true;
        Expr target = field;
        if (target instanceof Call call && (call.name().equals("lower") || call.name().equals("upper"))
                && call.arguments().size() == 1) {
            target = call.arguments().get(0);
            caseSensitive = false;
        }
        if (!(target instanceof FieldRef ref) || !(value instanceof Literal literal)) {
            return opaque(start, end, "the test does not compare a field with a literal");
        }
        if (computedFields.contains(ref.name())) {
            return opaque(start, end, "filter on " + ref.name()
                    + ", a field computed by an earlier eval, rex, lookup or rename");
        }
        if (operator == Operator.EXISTS || operator == Operator.CIDR) {
            caseSensitive = false;
        }
        return Predicate.of(ref.name(), operator, literal.value(), caseSensitive, source.substring(start, end),
                Span.ofQuery(start, end));
    }

    /** Converts a LIKE pattern ({@code %} any run, {@code _} one character) to a WILDCARD value. */
    static String likeToWildcard(String pattern) {
        StringBuilder wildcard = new StringBuilder(pattern.length() + 4);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') {
                wildcard.append('*');
            } else if (c == '_') {
                wildcard.append('?');
            } else {
                if (c == '*' || c == '?' || c == '\\') {
                    wildcard.append('\\');
                }
                wildcard.append(c);
            }
        }
        return wildcard.toString();
    }

    private static boolean isField(Expr expr) {
        if (expr instanceof FieldRef) {
            return true;
        }
        return expr instanceof Call call && (call.name().equals("lower") || call.name().equals("upper"))
                && call.arguments().size() == 1 && call.arguments().get(0) instanceof FieldRef;
    }

    private static String flip(String operator) {
        switch (operator) {
            case "<":
                return ">";
            case "<=":
                return ">=";
            case ">":
                return "<";
            case ">=":
                return "<=";
            default:
                return operator;
        }
    }

    private static Expr rerange(Expr inner, int start, int end) {
        if (inner instanceof Condition condition) {
            return new Condition(condition.node(), start, end);
        }
        return inner;
    }

    private Node.Opaque opaque(int start, int end, String reason) {
        return new Node.Opaque(source.substring(start, end), reason, Span.ofQuery(start, end));
    }

    private SplToken expect(Kind kind, String description) throws SplParseException {
        SplToken token = peek();
        if (!token.is(kind)) {
            throw new SplParseException(token.start(), token.is(Kind.END), "Found \""
                    + (token.is(Kind.END) ? "the end of the condition" : token.text()) + "\" where " + description
                    + " was expected.");
        }
        return advance();
    }

    private void enter() throws SplParseException {
        depth++;
        if (depth > SplSearchParser.MAX_DEPTH) {
            throw new SplParseException(peek().start(), false,
                    "The condition nests deeper than " + SplSearchParser.MAX_DEPTH + " levels.");
        }
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
}
