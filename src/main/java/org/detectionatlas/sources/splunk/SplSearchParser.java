package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.splunk.SplToken.Kind;

/**
 * Reads the boolean expression of the search command, and of a tstats where clause, into a
 * predicate tree, by visiting the {@code search} rule of {@code SplExpression.g4}.
 *
 * <p>SPL's precedence for the search command: NOT binds tightest, then OR, then AND, so
 * {@code a b OR c} means {@code a AND (b OR c)}. AND, OR and NOT are keywords only in upper case,
 * as in SPL, but IN is accepted in any case. Search values compare case-insensitively, and an
 * unescaped {@code *} makes a WILDCARD.
 */
final class SplSearchParser extends SplExpressionBaseVisitor<Node> {

    /** Deepest nesting of parentheses and NOT accepted before the expression is rejected. */
    static final int MAX_DEPTH = SplGrammar.MAX_DEPTH;

    private final String source;
    private final SplGrammar.Parsed<SplExpression.SearchContext> parsed;
    private final SplFieldScope scope;

    private SplSearchParser(String source, SplGrammar.Parsed<SplExpression.SearchContext> parsed,
            SplFieldScope scope) {
        this.source = source;
        this.parsed = parsed;
        this.scope = scope;
    }

    /**
     * Parses the tokens (ending with END) into a tree, or returns null when they hold no test.
     *
     * @param scope what each field name means at this stage: tests on computed or aggregated
     *     fields become Opaque because they do not test the event as logged, and renamed fields
     *     are tested under their logged name
     */
    static Node parse(String source, List<SplToken> tokens, SplFieldScope scope) throws SplParseException {
        if (tokens.get(0).is(Kind.END)) {
            return null;
        }
        SplGrammar.Parsed<SplExpression.SearchContext> parsed = SplGrammar.search(source, tokens);
        try {
            return new SplSearchParser(source, parsed, scope).visit(parsed.tree().searchAnd());
        } catch (SplGrammar.Failure failure) {
            throw failure.cause;
        }
    }

    @Override
    public Node visitSearchAnd(SplExpression.SearchAndContext context) {
        List<Node> children = new ArrayList<>();
        for (SplExpression.SearchOrContext child : context.searchOr()) {
            Node.addFlattened(children, visit(child), false);
        }
        return Node.and(children);
    }

    @Override
    public Node visitSearchOr(SplExpression.SearchOrContext context) {
        List<Node> children = new ArrayList<>();
        for (SplExpression.SearchNotContext child : context.searchNot()) {
            Node.addFlattened(children, visit(child), true);
        }
        return Node.or(children);
    }

    @Override
    public Node visitSearchNegation(SplExpression.SearchNegationContext context) {
        return new Node.Not(visit(context.searchNot()));
    }

    @Override
    public Node visitSearchOperand(SplExpression.SearchOperandContext context) {
        return visit(context.searchPrimary());
    }

    @Override
    public Node visitSearchGroup(SplExpression.SearchGroupContext context) {
        return visit(context.searchAnd());
    }

    @Override
    public Node visitSearchComparison(SplExpression.SearchComparisonContext context) {
        SplToken field = parsed.first(context.searchField());
        SplToken operator = parsed.token(context.COMPARE().getSymbol());
        SplToken value = parsed.first(context.searchValue());
        Span span = span(field, value);
        String original = source.substring(field.start(), value.end());
        SplFieldScope.Resolved resolved = scope.resolve(field.literal());
        if (!resolved.raw()) {
            return new Node.Opaque(original, resolved.reason(), span);
        }
        String name = resolved.field();
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

    @Override
    public Node visitSearchIn(SplExpression.SearchInContext context) {
        SplToken field = parsed.first(context.searchField());
        SplToken close = parsed.token(context.RPAREN().getSymbol());
        Span span = span(field, close);
        String original = source.substring(field.start(), close.end());
        if (context.searchList() == null) {
            throw new SplGrammar.Failure(new SplParseException(close.start(), false,
                    "The list of \"" + original + "\" is empty where at least one value was expected."));
        }
        SplFieldScope.Resolved resolved = scope.resolve(field.literal());
        if (!resolved.raw()) {
            return new Node.Opaque(original, resolved.reason(), span);
        }
        String name = resolved.field();
        List<Node> alternatives = new ArrayList<>();
        for (SplExpression.SearchValueContext value : context.searchList().searchValue()) {
            alternatives.add(equality(name, parsed.first(value), original, span));
        }
        return Node.or(alternatives);
    }

    /** Keeps a search-time function such as TERM(x) or CASE(x) whole, as the atlas has no form for it. */
    @Override
    public Node visitSearchFunction(SplExpression.SearchFunctionContext context) {
        SplToken name = parsed.first(context);
        SplToken last = parsed.last(context);
        String text = source.substring(name.start(), last.end());
        return new Node.Opaque(text, "the search function " + name.text() + "() has no predicate form",
                span(name, last));
    }

    @Override
    public Node visitSearchTerm(SplExpression.SearchTermContext context) {
        SplToken token = parsed.first(context);
        String reason = scope.freeTextReason();
        if (reason != null) {
            return new Node.Opaque(token.text(), reason, span(token, token));
        }
        return Predicate.of(null, Operator.MATCH, token.literal(), false, token.text(), span(token, token));
    }

    @Override
    public Node visitSearchMacro(SplExpression.SearchMacroContext context) {
        SplToken token = parsed.first(context);
        return new Node.Opaque(token.text(), "macro " + token.text() + " is not defined in the corpus",
                span(token, token));
    }

    @Override
    public Node visitSearchSubsearch(SplExpression.SearchSubsearchContext context) {
        SplToken token = parsed.first(context);
        return new Node.Opaque(token.text(), "subsearch results are not known when the rule is read",
                span(token, token));
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


    private static Span span(SplToken first, SplToken last) {
        return Span.ofQuery(first.start(), last.end());
    }
}
