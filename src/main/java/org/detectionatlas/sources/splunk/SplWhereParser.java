package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Reads the eval expression of a where command into a predicate tree.
 *
 * <p>The grammar is the {@code condition} rule of {@code SplExpression.g4}: keywords in any case,
 * NOT (or {@code !}) binds tightest, then AND, then OR and XOR.
 *
 * Comparisons of a field with a literal become predicates that compare case-sensitively, as
 * eval does. Wrapping the field in {@code lower(f)} or {@code upper(f)} makes them case-insensitive.
 * The functions like, match, cidrmatch, isnull and isnotnull become WILDCARD, REGEX_MATCH, CIDR
 * and EXISTS tests. Any other condition is kept as an Opaque node with its text.
 */
final class SplWhereParser {

    private final String source;
    private final SplFieldScope scope;

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

    private SplWhereParser(String source, SplFieldScope scope) {
        this.source = source;
        this.scope = scope;
    }

    /** Parses the tokens (ending with END) into a tree, or returns null when there are none. */
    static Node parse(String source, List<SplToken> tokens, SplFieldScope scope) throws SplParseException {
        if (tokens.get(0).is(Kind.END)) {
            return null;
        }
        SplGrammar.Parsed<SplExpression.ConditionContext> parsed = SplGrammar.condition(source, tokens);
        SplWhereParser parser = new SplWhereParser(source, scope);
        Expr expression = parser.new Builder(parsed).visit(parsed.tree().evalOr());
        return parser.condition(expression);
    }

    /** Builds an {@link Expr} from each rule of the eval part of {@code SplExpression.g4}. */
    private final class Builder extends SplExpressionBaseVisitor<Expr> {
        private final SplGrammar.Parsed<SplExpression.ConditionContext> parsed;

        Builder(SplGrammar.Parsed<SplExpression.ConditionContext> parsed) {
            this.parsed = parsed;
        }

        @Override
        public Expr visitEvalOr(SplExpression.EvalOrContext context) {
            List<SplExpression.EvalAndContext> operands = context.evalAnd();
            Expr first = visit(operands.get(0));
            if (operands.size() == 1) {
                return first;
            }
            List<Node> children = new ArrayList<>();
            Node.addFlattened(children, condition(first), true);
            Expr last = first;
            for (int i = 1; i < operands.size(); i++) {
                last = visit(operands.get(i));
                Node.addFlattened(children, condition(last), true);
            }
            if (!context.XOR().isEmpty()) {
                return new Condition(opaque(first.start(), last.end(), "XOR has no predicate form"), first.start(),
                        last.end());
            }
            return new Condition(Node.or(children), first.start(), last.end());
        }

        @Override
        public Expr visitEvalAnd(SplExpression.EvalAndContext context) {
            List<SplExpression.EvalNotContext> operands = context.evalNot();
            Expr first = visit(operands.get(0));
            if (operands.size() == 1) {
                return first;
            }
            List<Node> children = new ArrayList<>();
            Node.addFlattened(children, condition(first), false);
            Expr last = first;
            for (int i = 1; i < operands.size(); i++) {
                last = visit(operands.get(i));
                Node.addFlattened(children, condition(last), false);
            }
            return new Condition(Node.and(children), first.start(), last.end());
        }

        @Override
        public Expr visitEvalNegation(SplExpression.EvalNegationContext context) {
            SplToken not = parsed.first(context);
            Expr child = visit(context.evalNot());
            return new Condition(new Node.Not(condition(child)), not.start(), child.end());
        }

        @Override
        public Expr visitEvalOperand(SplExpression.EvalOperandContext context) {
            return visit(context.evalComparison());
        }

        @Override
        public Expr visitEvalComparison(SplExpression.EvalComparisonContext context) {
            List<SplExpression.OperandContext> operands = context.operand();
            Expr left = visit(operands.get(0));
            if (context.COMPARE() != null) {
                Expr right = visit(operands.get(1));
                String operator = parsed.token(context.COMPARE().getSymbol()).text();
                return new Condition(compare(left, operator, right), left.start(), right.end());
            }
            if (context.LIKE() != null) {
                Expr right = visit(operands.get(1));
                return new Condition(like(left, right, null), left.start(), right.end());
            }
            if (context.IN() != null) {
                List<Expr> values = new ArrayList<>();
                for (SplExpression.EvalOrContext value : context.evalOr()) {
                    values.add(visit(value));
                }
                int end = parsed.token(context.RPAREN().getSymbol()).end();
                Node node = in(left, values, end);
                return new Condition(context.NOT() != null ? new Node.Not(node) : node, left.start(), end);
            }
            return left;
        }

        @Override
        public Expr visitOperand(SplExpression.OperandContext context) {
            List<SplExpression.TermContext> terms = context.term();
            Expr first = visit(terms.get(0));
            if (terms.size() == 1) {
                return first;
            }
            return new Other(first.start(), visit(terms.get(terms.size() - 1)).end());
        }

        @Override
        public Expr visitGroup(SplExpression.GroupContext context) {
            Expr inner = visit(context.evalOr());
            return rerange(inner, parsed.first(context).start(), parsed.last(context).end());
        }

        @Override
        public Expr visitCall(SplExpression.CallContext context) {
            SplToken name = parsed.first(context);
            List<Expr> arguments = new ArrayList<>();
            for (SplExpression.EvalOrContext argument : context.evalOr()) {
                arguments.add(visit(argument));
            }
            return new Call(name.text().toLowerCase(Locale.ROOT), arguments, name.start(), parsed.last(context).end());
        }

        @Override
        public Expr visitFieldRef(SplExpression.FieldRefContext context) {
            SplToken token = parsed.first(context);
            return new FieldRef(token.text(), token.start(), token.end());
        }

        @Override
        public Expr visitQuotedField(SplExpression.QuotedFieldContext context) {
            SplToken token = parsed.first(context);
            return new FieldRef(token.literal(), token.start(), token.end());
        }

        @Override
        public Expr visitStringLiteral(SplExpression.StringLiteralContext context) {
            SplToken token = parsed.first(context);
            return new Literal(token.literal(), false, token.start(), token.end());
        }

        @Override
        public Expr visitNumberLiteral(SplExpression.NumberLiteralContext context) {
            SplToken token = parsed.first(context);
            return new Literal(token.text(), true, token.start(), token.end());
        }

        @Override
        public Expr visitNegative(SplExpression.NegativeContext context) {
            SplToken minus = parsed.first(context);
            Expr negated = visit(context.term());
            if (negated instanceof Literal literal && literal.number()) {
                return new Literal("-" + literal.value(), true, minus.start(), negated.end());
            }
            return new Other(minus.start(), negated.end());
        }

        @Override
        public Expr visitUnknownValue(SplExpression.UnknownValueContext context) {
            SplToken token = parsed.first(context);
            return new Other(token.start(), token.end());
        }
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
     * or upper(). Returns an Opaque node when {@code field} is not a field, or is computed or aggregated.
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
        SplFieldScope.Resolved resolved = scope.resolve(ref.name());
        if (!resolved.raw()) {
            return opaque(start, end, resolved.reason());
        }
        if (operator == Operator.EXISTS || operator == Operator.CIDR) {
            caseSensitive = false;
        }
        return Predicate.of(resolved.field(), operator, literal.value(), caseSensitive, source.substring(start, end),
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

}
