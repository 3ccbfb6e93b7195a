package org.detectionatlas.sources.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Span;
import org.detectionatlas.text.Names;

/**
 * Parses a Sigma condition into a tree over the rule's search identifiers.
 *
 * <pre>
 * condition   = or-expr [ "|" aggregation ]
 * or-expr     = and-expr { "or" and-expr }
 * and-expr    = not-expr { "and" not-expr }
 * not-expr    = "not" not-expr | primary
 * primary     = "(" or-expr ")" | ( count | "all" ) "of" ( pattern | "them" ) | identifier
 * </pre>
 */
final class ConditionParser {

    /** Deeper parentheses or not-chains are rejected, which also bounds the parser's recursion. */
    static final int MAX_DEPTH = 100;

    /** Signals a broken condition; the message is the diagnostic text. */
    static final class ConditionException extends RuntimeException {
        final String code;
        final boolean unsupported;

        ConditionException(String code, String message, boolean unsupported) {
            super(message, null, false, false);
            this.code = code;
            this.unsupported = unsupported;
        }
    }

    private final String file;
    private final int line;
    private final Map<String, Node> selections;
    private final List<Diagnostic> diagnostics;
    private String text;
    private List<String> tokens;
    private int position;
    private int depth;

    /**
     * @param selections the search identifiers in file order; a null value marks a selection
     *     that could not be read
     */
    ConditionParser(String file, int line, Map<String, Node> selections, List<Diagnostic> diagnostics) {
        this.file = file;
        this.line = line;
        this.selections = selections;
        this.diagnostics = diagnostics;
    }

    /**
     * Parses one condition. A condition that cannot be parsed becomes an opaque part after a
     * diagnostic, so the rule's other conditions still count.
     */
    Node parse(String condition) {
        this.text = condition;
        String search = condition;
        String aggregation = null;
        int pipe = condition.indexOf('|');
        if (pipe >= 0) {
            search = condition.substring(0, pipe);
            aggregation = condition.substring(pipe + 1).trim();
        }
        try {
            tokens = tokenize(search);
            position = 0;
            depth = 0;
            if (tokens.isEmpty()) {
                throw new ConditionException("invalid-condition", "Condition '" + condition
                        + "' has no search expression; expected a selection name.", false);
            }
            Node tree = orExpression();
            if (position < tokens.size()) {
                throw new ConditionException("invalid-condition", "Condition '" + condition
                        + "' has unexpected '" + tokens.get(position) + "'; expected and, or or the end.", false);
            }
            if (aggregation == null) {
                return tree;
            }
            String kind = aggregation.startsWith("near") ? "near" : "aggregation";
            diagnostics.add(Diagnostic.unsupported(file, line, "aggregation", "Legacy " + kind + " '"
                    + aggregation + "' is not modelled; only the search part '" + search.trim()
                    + "' became predicates."));
            Node opaque = new Node.Opaque(aggregation, "aggregation", Span.atLine(line));
            return Node.and(SelectionBuilder.flattenAnd(List.of(tree, opaque)));
        } catch (ConditionException e) {
            diagnostics.add(e.unsupported
                    ? Diagnostic.unsupported(file, line, e.code, e.getMessage())
                    : Diagnostic.invalid(file, line, e.code, e.getMessage()));
            // The rule keeps its other conditions and metadata; this condition becomes opaque.
            return new Node.Opaque(condition.trim(), (e.unsupported ? "unsupported condition: " : "invalid condition: ")
                    + e.code, Span.atLine(line));
        }
    }

    private static List<String> tokenize(String search) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < search.length()) {
            char c = search.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < search.length() && !Character.isWhitespace(search.charAt(i))
                        && search.charAt(i) != '(' && search.charAt(i) != ')') {
                    i++;
                }
                tokens.add(search.substring(start, i));
            }
        }
        return tokens;
    }

    private Node orExpression() {
        List<Node> children = new ArrayList<>();
        children.add(andExpression());
        while (accept("or")) {
            children.add(andExpression());
        }
        return Node.or(SelectionBuilder.flattenOr(children));
    }

    private Node andExpression() {
        List<Node> children = new ArrayList<>();
        children.add(notExpression());
        while (accept("and")) {
            children.add(notExpression());
        }
        return Node.and(SelectionBuilder.flattenAnd(children));
    }

    private Node notExpression() {
        if (accept("not")) {
            enter();
            Node child = notExpression();
            depth--;
            return new Node.Not(child);
        }
        return primary();
    }

    private Node primary() {
        String token = next("a selection name, 'not', '(' or '1 of'");
        if (token.equals("(")) {
            enter();
            Node inner = orExpression();
            depth--;
            if (!accept(")")) {
                throw new ConditionException("invalid-condition", "Condition '" + text.trim()
                        + "' misses a closing ')'.", false);
            }
            return inner;
        }
        if (position < tokens.size() && tokens.get(position).equals("of")) {
            position++;
            return quantifier(token, next("a selection pattern or 'them' after 'of'"));
        }
        if (isKeyword(token) || token.equals(")")) {
            throw new ConditionException("invalid-condition", "Condition '" + text.trim() + "' has '" + token
                    + "' where a selection name was expected.", false);
        }
        return reference(token);
    }

    private Node quantifier(String count, String target) {
        if (count.equals("any")) {
            throw new ConditionException("invalid-condition", "Condition '" + text.trim()
                    + "' uses 'any of', which is not Sigma; expected '1 of'.", false);
        }
        boolean all = count.equals("all");
        if (!all && !(count.length() <= 4 && count.chars().allMatch(Character::isDigit) && !count.equals("0")
                && count.charAt(0) != '0')) {
            throw new ConditionException("invalid-condition", "Condition '" + text.trim() + "' has '" + count
                    + " of'; expected a count such as '1 of' or 'all of'.", false);
        }
        List<String> names = new ArrayList<>();
        for (String name : selections.keySet()) {
            boolean matches = target.equals("them") ? !name.startsWith("_") : globMatches(target, name);
            if (matches) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new ConditionException("undefined-selection", "Condition '" + text.trim() + "' has '" + count
                    + " of " + target + "', which matches no selection" + suggestion(target) + ".", false);
        }
        List<Node> children = new ArrayList<>();
        for (String name : names) {
            children.add(reference(name));
        }
        if (all) {
            return Node.and(SelectionBuilder.flattenAnd(children));
        }
        int needed = Integer.parseInt(count);
        if (needed == 1) {
            return Node.or(SelectionBuilder.flattenOr(children));
        }
        if (needed > children.size()) {
            throw new ConditionException("invalid-condition", "Condition '" + text.trim() + "' has '" + count
                    + " of " + target + "', but only " + children.size() + " selections match " + target + ".", false);
        }
        return atLeast(needed, children);
    }

    /** Maximum number of combinations an 'N of' condition expands to; larger ones stay opaque. */
    static final int MAX_COMBINATIONS = 1000;

    /** Expands 'N of' into an or over every combination of N selections, and-ed. */
    private Node atLeast(int needed, List<Node> children) {
        long combinations = 1;
        for (int i = 0; i < needed; i++) {
            combinations = combinations * (children.size() - i) / (i + 1);
        }
        if (combinations > MAX_COMBINATIONS) {
            throw new ConditionException("quantifier-too-large", "Condition '" + text.trim() + "' uses '" + needed
                    + " of' over " + children.size() + " selections, which expands to " + combinations
                    + " combinations; at most " + MAX_COMBINATIONS + " are built.", true);
        }
        List<Node> alternatives = new ArrayList<>();
        combine(children, needed, 0, new ArrayList<>(), alternatives);
        return Node.or(SelectionBuilder.flattenOr(alternatives));
    }

    private static void combine(List<Node> children, int needed, int from, List<Node> chosen, List<Node> out) {
        if (chosen.size() == needed) {
            out.add(Node.and(SelectionBuilder.flattenAnd(chosen)));
            return;
        }
        for (int i = from; i <= children.size() - (needed - chosen.size()); i++) {
            chosen.add(children.get(i));
            combine(children, needed, i + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    private Node reference(String name) {
        if (!selections.containsKey(name)) {
            throw new ConditionException("undefined-selection", "Condition '" + text.trim()
                    + "' names undefined selection '" + name + "'" + suggestion(name) + ".", false);
        }
        Node selection = selections.get(name);
        if (selection == null) {
            return new Node.Opaque(name, "unreadable selection", Span.atLine(line));
        }
        return selection;
    }

    private String suggestion(String name) {
        String nearest = Names.nearest(name, selections.keySet(), Math.max(2, name.length() / 3));
        return nearest == null ? "" : " (did you mean '" + nearest + "'?)";
    }

    /** Matches a Sigma identifier pattern, where only {@code *} is a wildcard. */
    static boolean globMatches(String pattern, String name) {
        String[] pieces = pattern.split("\\*", -1);
        if (pieces.length == 1) {
            return pattern.equals(name);
        }
        if (!name.startsWith(pieces[0])) {
            return false;
        }
        int from = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = name.indexOf(pieces[i], from);
            if (found < 0) {
                return false;
            }
            from = found + pieces[i].length();
        }
        String last = pieces[pieces.length - 1];
        return name.length() - from >= last.length() && name.endsWith(last);
    }

    private void enter() {
        depth++;
        if (depth > MAX_DEPTH) {
            throw new ConditionException("condition-too-deep", "Condition nests deeper than " + MAX_DEPTH
                    + " levels; simplify it.", false);
        }
    }

    private static boolean isKeyword(String token) {
        return token.equals("and") || token.equals("or") || token.equals("not") || token.equals("of");
    }

    private boolean accept(String expected) {
        if (position < tokens.size() && tokens.get(position).equals(expected)) {
            position++;
            return true;
        }
        return false;
    }

    private String next(String expected) {
        if (position >= tokens.size()) {
            throw new ConditionException("invalid-condition", "Condition '" + text.trim()
                    + "' ends early; expected " + expected + ".", false);
        }
        return tokens.get(position++);
    }
}
