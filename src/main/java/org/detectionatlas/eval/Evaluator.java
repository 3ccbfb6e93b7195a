package org.detectionatlas.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;

/**
 * Evaluates a predicate tree on events with Sigma's semantics.
 *
 * <ul>
 *   <li>Fields are the rule's own names ({@link Predicate#vendorField()}), not canonical ones.
 *   <li>Comparisons ignore case unless the predicate is case-sensitive ({@code cased}; Sigma's
 *       {@code re} without {@code i}).
 *   <li>A field holding a list matches when any element matches; a missing field or a JSON null
 *       matches nothing except {@code exists: false}.
 *   <li>{@code exists: true} needs the field present with a non-null value.
 *   <li>A MATCH without a field is a Sigma keyword: its value, in WILDCARD form, is searched in
 *       every value of the event. A MATCH on a field is searched in that field's values.
 *   <li>EQ also matches numerically when the event contains a JSON number ({@code 4688} and
 *       {@code 4688.0}), unless the rule's value has a leading zero such as {@code '0443'}.
 *   <li>A Sigma {@code fieldref} test, which the reader keeps as an opaque part (see
 *       {@link FieldReference}), compares the two fields.
 *   <li>Any other opaque node, a sequence evaluated on one event, an invalid regex, CIDR or number, and
 *       a regex that runs out of budget are UNKNOWN. Logic is three-valued, so an unknown part
 *       only decides when it could change the result, and {@link Evaluation#matches()} counts
 *       UNKNOWN as no match: a rule we cannot fully read is never claimed to match.
 * </ul>
 *
 * <p>Instances are thread-safe and cache compiled patterns, so reuse one for many events.
 */
public final class Evaluator {

    /** Decisions kept per evaluation, so a rule with thousands of values stays readable. */
    public static final int MAX_DECISIONS = 20;

    /** Trees nested deeper than this evaluate as UNKNOWN instead of recursing further. */
    static final int MAX_DEPTH = 500;

    private static final int MAX_NUMBER_CHARS = 100;

    private static final int MAX_CACHED_PATTERNS = 100_000;

    private final Map<String, Object> patterns = new ConcurrentHashMap<>();

    /** Evaluates the tree on one event. */
    public Evaluation evaluate(Node tree, Event event) {
        List<Decision> decisions = new ArrayList<>();
        Verdict verdict;
        try {
            verdict = node(tree, event, decisions, 0);
        } catch (StackOverflowError e) {
            decisions.clear();
            decisions.add(new Decision(tree, Verdict.UNKNOWN, "tree nests too deeply to evaluate"));
            verdict = Verdict.UNKNOWN;
        }
        return new Evaluation(verdict, decisions);
    }

    /**
     * Evaluates the tree on an ordered list of events. A tree whose root is a sequence without
     * join fields and without a time window matches when its steps match events in order;
     * other sequences are UNKNOWN. Any other tree matches when some event matches, and the
     * decisions are those of the first matching event.
     */
    public Evaluation evaluate(Node tree, List<Event> events) {
        if (tree instanceof Node.Sequence sequence) {
            return sequence(sequence, events);
        }
        Evaluation last = new Evaluation(Verdict.NO_MATCH, List.of());
        boolean unknown = false;
        for (Event event : events) {
            Evaluation evaluation = evaluate(tree, event);
            if (evaluation.verdict() == Verdict.MATCH) {
                return evaluation;
            }
            unknown |= evaluation.verdict() == Verdict.UNKNOWN;
            last = evaluation;
        }
        return unknown ? new Evaluation(Verdict.UNKNOWN, last.decidedBy()) : last;
    }

    private Evaluation sequence(Node.Sequence sequence, List<Event> events) {
        boolean joined = java.util.stream.IntStream.range(0, sequence.steps().size())
                .anyMatch(step -> !sequence.keys(step).isEmpty());
        boolean simple = sequence.ordered() && sequence.until() == null
                && sequence.runs().stream().allMatch(runs -> runs == 1);
        if (joined || !sequence.maxspan().isEmpty() || !simple) {
            return new Evaluation(Verdict.UNKNOWN, List.of(new Decision(sequence, Verdict.UNKNOWN,
                    "sequences with join fields, a time window, an until step, repeated runs or no order"
                            + " are not evaluated")));
        }
        List<Decision> decisions = new ArrayList<>();
        int next = 0;
        for (Node step : sequence.steps()) {
            boolean found = false;
            while (next < events.size() && !found) {
                Evaluation evaluation = evaluate(step, events.get(next++));
                if (evaluation.verdict() == Verdict.UNKNOWN) {
                    return evaluation;
                }
                if (evaluation.matches()) {
                    found = true;
                    add(decisions, evaluation.decidedBy());
                }
            }
            if (!found) {
                return new Evaluation(Verdict.NO_MATCH, List.of(new Decision(step, Verdict.NO_MATCH,
                        "no later event matches this step")));
            }
        }
        return new Evaluation(Verdict.MATCH, decisions);
    }

    private Verdict node(Node node, Event event, List<Decision> decisions, int depth) {
        if (depth > MAX_DEPTH) {
            decisions.add(new Decision(node, Verdict.UNKNOWN, "tree nests deeper than " + MAX_DEPTH + " levels"));
            return Verdict.UNKNOWN;
        }
        if (node instanceof Predicate predicate) {
            String[] reason = new String[1];
            Verdict verdict = predicate(predicate, event, reason);
            decisions.add(new Decision(predicate, verdict, reason[0]));
            return verdict;
        }
        if (node instanceof Node.Not not) {
            return node(not.child(), event, decisions, depth + 1).negate();
        }
        if (node instanceof Node.And and) {
            return combine(and.children(), Verdict.NO_MATCH, event, decisions, depth);
        }
        if (node instanceof Node.Or or) {
            return combine(or.children(), Verdict.MATCH, event, decisions, depth);
        }
        if (node instanceof Node.Opaque opaque) {
            FieldReference reference = FieldReference.parse(opaque);
            if (reference != null) {
                Verdict verdict = fieldReference(reference, event);
                decisions.add(new Decision(opaque, verdict, null));
                return verdict;
            }
            decisions.add(new Decision(opaque, Verdict.UNKNOWN, "opaque part: " + opaque.reason()));
            return Verdict.UNKNOWN;
        }
        decisions.add(new Decision(node, Verdict.UNKNOWN, "a sequence needs a list of events"));
        return Verdict.UNKNOWN;
    }

    /**
     * Combines children where {@code decisive} settles the result (NO_MATCH for and, MATCH for
     * or). The first decisive child alone explains the result; otherwise the unknown children
     * explain an unknown result, and all children explain the other outcome.
     */
    private Verdict combine(List<Node> children, Verdict decisive, Event event, List<Decision> decisions,
            int depth) {
        List<Decision> unknown = new ArrayList<>();
        List<Decision> all = new ArrayList<>();
        for (Node child : children) {
            List<Decision> own = new ArrayList<>();
            Verdict verdict = node(child, event, own, depth + 1);
            if (verdict == decisive) {
                add(decisions, own);
                return decisive;
            }
            if (verdict == Verdict.UNKNOWN) {
                add(unknown, own);
            }
            add(all, own);
        }
        if (!unknown.isEmpty()) {
            add(decisions, unknown);
            return Verdict.UNKNOWN;
        }
        add(decisions, all);
        return decisive.negate();
    }

    private static void add(List<Decision> target, List<Decision> source) {
        for (Decision decision : source) {
            if (target.size() >= MAX_DECISIONS) {
                return;
            }
            target.add(decision);
        }
    }

    private Verdict predicate(Predicate predicate, Event event, String[] reason) {
        String field = predicate.vendorField();
        switch (predicate.operator()) {
            case EXISTS: {
                JsonNode value = field == null ? null : event.get(field);
                boolean present = value != null && !value.isNull();
                return Verdict.of(present == Boolean.parseBoolean(predicate.value()));
            }
            case MATCH:
                if (field == null) {
                    Wildcard keyword = wildcard("*" + predicate.value() + "*", predicate.caseSensitive());
                    for (String value : event.allValues()) {
                        if (keyword.matches(value)) {
                            return Verdict.MATCH;
                        }
                    }
                    return Verdict.NO_MATCH;
                }
                return anyValue(predicate, event.get(field), reason);
            default:
                return field == null ? Verdict.NO_MATCH : anyValue(predicate, event.get(field), reason);
        }
    }

    /** Compares two fields of the event; any pair of their scalar values may match. */
    private static Verdict fieldReference(FieldReference reference, Event event) {
        List<String> values = scalars(event.get(reference.field()));
        List<String> others = scalars(event.get(reference.other()));
        for (String value : values) {
            for (String other : others) {
                if (reference.test(value, other)) {
                    return Verdict.MATCH;
                }
            }
        }
        return Verdict.NO_MATCH;
    }

    private static List<String> scalars(JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull() || value.isObject()) {
            return texts;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isValueNode() && !element.isNull()) {
                    texts.add(element.asText());
                }
            }
        } else {
            texts.add(value.asText());
        }
        return texts;
    }

    /** Tests every scalar of the field's value (list elements included); any match matches. */
    private Verdict anyValue(Predicate predicate, JsonNode value, String[] reason) {
        if (value == null || value.isNull()) {
            return Verdict.NO_MATCH;
        }
        if (value.isArray()) {
            Verdict result = Verdict.NO_MATCH;
            for (JsonNode element : value) {
                Verdict verdict = anyValue(predicate, element, reason);
                if (verdict == Verdict.MATCH) {
                    return verdict;
                }
                if (verdict == Verdict.UNKNOWN) {
                    result = Verdict.UNKNOWN;
                }
            }
            return result;
        }
        if (value.isObject()) {
            return Verdict.NO_MATCH;
        }
        return scalar(predicate, value, reason);
    }

    private Verdict scalar(Predicate predicate, JsonNode node, String[] reason) {
        String text = node.asText();
        String expected = predicate.value();
        boolean cased = predicate.caseSensitive();
        switch (predicate.operator()) {
            case EQ:
                if (cased ? text.equals(expected) : text.equalsIgnoreCase(expected)) {
                    return Verdict.MATCH;
                }
                // A rule value with a leading zero, such as '0443', is text and only matches as text.
                if (node.isNumber() && !(expected.length() > 1 && expected.startsWith("0") && expected.charAt(1) != '.')) {
                    BigDecimal expectedNumber = number(expected);
                    return Verdict.of(expectedNumber != null && expectedNumber.compareTo(node.decimalValue()) == 0);
                }
                return Verdict.NO_MATCH;
            case WILDCARD:
                return Verdict.of(wildcard(expected, cased).matches(text));
            case MATCH:
                return Verdict.of(wildcard("*" + expected + "*", cased).matches(text));
            case REGEX_MATCH:
                return regex(expected, cased, text, reason);
            case CIDR: {
                IpRange range = range(expected);
                if (range == null) {
                    reason[0] = "invalid CIDR range '" + expected + "'";
                    return Verdict.UNKNOWN;
                }
                return Verdict.of(range.contains(text));
            }
            case LT:
            case LTE:
            case GT:
            case GTE:
                return compare(predicate, node, reason);
            default:
                reason[0] = "operator " + predicate.operator().id() + " is not evaluated";
                return Verdict.UNKNOWN;
        }
    }

    private Verdict compare(Predicate predicate, JsonNode node, String[] reason) {
        BigDecimal bound = number(predicate.value());
        if (bound == null) {
            reason[0] = "'" + predicate.value() + "' is not a number";
            return Verdict.UNKNOWN;
        }
        BigDecimal actual = node.isNumber() ? node.decimalValue() : number(node.asText().trim());
        if (actual == null) {
            return Verdict.NO_MATCH;
        }
        int order = actual.compareTo(bound);
        switch (predicate.operator()) {
            case LT:
                return Verdict.of(order < 0);
            case LTE:
                return Verdict.of(order <= 0);
            case GT:
                return Verdict.of(order > 0);
            default:
                return Verdict.of(order >= 0);
        }
    }

    private Verdict regex(String expression, boolean cased, String text, String[] reason) {
        Object compiled = patterns.get((cased ? "R" : "r") + expression);
        if (compiled == null) {
            try {
                int flags = cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                compiled = new BoundedRegex(Pattern.compile(expression, flags));
            } catch (PatternSyntaxException | StackOverflowError e) {
                compiled = "invalid regular expression: " + firstLine(e.getMessage());
            }
            cache((cased ? "R" : "r") + expression, compiled);
        }
        if (compiled instanceof String invalid) {
            reason[0] = invalid;
            return Verdict.UNKNOWN;
        }
        if (text.length() > BoundedRegex.MAX_INPUT_CHARS) {
            reason[0] = "value longer than " + BoundedRegex.MAX_INPUT_CHARS + " characters is not searched";
            return Verdict.UNKNOWN;
        }
        try {
            return Verdict.of(((BoundedRegex) compiled).find(text));
        } catch (BoundedRegex.BudgetExceeded e) {
            reason[0] = "regular expression search stopped after " + BoundedRegex.READ_BUDGET + " character reads";
            return Verdict.UNKNOWN;
        } catch (StackOverflowError e) {
            reason[0] = "regular expression search overflowed the stack";
            return Verdict.UNKNOWN;
        }
    }

    private Wildcard wildcard(String pattern, boolean cased) {
        String key = (cased ? "W" : "w") + pattern;
        Object compiled = patterns.get(key);
        if (compiled == null) {
            compiled = new Wildcard(pattern, cased);
            cache(key, compiled);
        }
        return (Wildcard) compiled;
    }

    private IpRange range(String cidr) {
        String key = "c" + cidr;
        Object compiled = patterns.get(key);
        if (compiled == null) {
            IpRange parsed = IpRange.parse(cidr.trim());
            compiled = parsed == null ? "invalid" : parsed;
            cache(key, compiled);
        }
        return compiled instanceof IpRange range ? range : null;
    }

    private void cache(String key, Object compiled) {
        if (patterns.size() >= MAX_CACHED_PATTERNS) {
            patterns.clear();
        }
        patterns.put(key, compiled);
    }

    private static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > MAX_NUMBER_CHARS) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
