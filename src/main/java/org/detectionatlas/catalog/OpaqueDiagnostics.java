package org.detectionatlas.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * Gives every Opaque part of a rule's tree a diagnostic, so that no partly read rule is left
 * without saying what was not modelled and why.
 *
 * <p>Readers report most Opaque parts themselves. An existing UNSUPPORTED or INVALID diagnostic
 * of the rule covers an Opaque part when any of these is true:
 * <ul>
 *   <li>its message quotes the part's text (compared with runs of whitespace collapsed, on the
 *       first {@value #QUOTE_PREFIX} characters, because readers shorten long quotes);
 *   <li>it sits at the part's line and column, both known;
 *   <li>it sits at the part's line and the part is placed at a line of the file rather than
 *       inside a query (a Sigma key, an Elastic filter table), so the line names the part;
 *   <li>it sits at the part's line, or both lines are unknown, and its message contains the
 *       part's reason, when the reason has at least {@value #MIN_REASON} characters;
 *   <li>the part has neither text nor a known line, so nothing more precise can match it.
 * </ul>
 * Every other Opaque part gets one UNSUPPORTED diagnostic with the code {@value #CODE}.
 */
public final class OpaqueDiagnostics {
    /** Code of the diagnostics this class adds. */
    public static final String CODE = "not-modelled";

    /** Maximum characters of the part's text quoted in a message. Longer texts are cut and end with "...". */
    static final int MAX_QUOTE = 120;

    /** Characters of the part's text that an existing message must quote to cover the part. */
    static final int QUOTE_PREFIX = 40;

    /** Length below which a reason, such as "aggregation", is too common to tell parts apart. */
    static final int MIN_REASON = 12;

    /** Maximum Opaque parts reported one by one per rule. One more diagnostic counts the rest. */
    static final int MAX_REPORTED = 100;

    private OpaqueDiagnostics() {}

    /** Returns the rule with a {@value #CODE} diagnostic for each Opaque part that none covers. */
    public static Rule addMissing(Rule rule) {
        List<Node.Opaque> parts = uncovered(rule);
        if (parts.isEmpty()) {
            return rule;
        }
        List<Diagnostic> diagnostics = new ArrayList<>(rule.diagnostics());
        for (Node.Opaque part : parts.subList(0, Math.min(parts.size(), MAX_REPORTED))) {
            diagnostics.add(describe(rule, part));
        }
        if (parts.size() > MAX_REPORTED) {
            diagnostics.add(Diagnostic.unsupported(rule.file(), -1, CODE, (parts.size() - MAX_REPORTED)
                    + " more parts of the rule are kept as opaque text but not listed, because a rule lists at most "
                    + MAX_REPORTED + "."));
        }
        return rule.withDiagnostics(diagnostics);
    }

    /** Returns the Opaque parts of the rule's tree that no diagnostic of the rule covers, in reading order. */
    static List<Node.Opaque> uncovered(Rule rule) {
        List<Node.Opaque> parts = opaqueParts(rule.tree());
        if (parts.isEmpty()) {
            return parts;
        }
        Coverage coverage = new Coverage(rule.diagnostics());
        List<Node.Opaque> uncovered = new ArrayList<>();
        for (Node.Opaque part : parts) {
            if (!coverage.covers(part)) {
                uncovered.add(part);
            }
        }
        return uncovered;
    }

    /** Returns the Opaque nodes of the tree in reading order, none when the tree is null. */
    public static List<Node.Opaque> opaqueParts(Node tree) {
        List<Node.Opaque> parts = new ArrayList<>();
        // An explicit stack, because a hostile rule can nest deeper than the call stack allows.
        Deque<Node> pending = new ArrayDeque<>();
        if (tree != null) {
            pending.push(tree);
        }
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Node.Opaque opaque) {
                parts.add(opaque);
            } else if (node instanceof Node.Not not) {
                pending.push(not.child());
            } else if (node instanceof Node.And and) {
                pushReversed(pending, and.children());
            } else if (node instanceof Node.Or or) {
                pushReversed(pending, or.children());
            } else if (node instanceof Node.Sequence sequence) {
                if (sequence.until() != null) {
                    pending.push(sequence.until());
                }
                pushReversed(pending, sequence.steps());
            }
        }
        return parts;
    }

    private static void pushReversed(Deque<Node> pending, List<Node> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(children.get(i));
        }
    }

    /** The UNSUPPORTED and INVALID diagnostics of one rule, indexed for the coverage checks. */
    private static final class Coverage {
        private final List<Diagnostic> reasons = new ArrayList<>();
        private final List<String> collapsedMessages = new ArrayList<>();
        private final Set<String> places = new HashSet<>();

        Coverage(List<Diagnostic> diagnostics) {
            for (Diagnostic diagnostic : diagnostics) {
                if (diagnostic.kind() == Diagnostic.Kind.WARNING) {
                    continue;
                }
                reasons.add(diagnostic);
                collapsedMessages.add(collapse(diagnostic.message()));
                places.add(diagnostic.line() + ":" + diagnostic.column());
            }
        }

        boolean covers(Node.Opaque part) {
            if (reasons.isEmpty()) {
                return false;
            }
            int line = part.span().line();
            int column = part.span().column();
            String text = collapse(part.text());
            if (text.isEmpty() && line <= 0) {
                return true;
            }
            if (line > 0 && column > 0 && places.contains(line + ":" + column)) {
                return true;
            }
            if (line > 0 && !part.span().hasQueryRange() && sharesLine(line, column)) {
                return true;
            }
            if (quotesReason(knownLine(line), collapse(part.reason()))) {
                return true;
            }
            return !text.isEmpty() && quotes(text.length() > QUOTE_PREFIX ? text.substring(0, QUOTE_PREFIX) : text);
        }

        private boolean sharesLine(int line, int column) {
            for (Diagnostic reason : reasons) {
                if (reason.line() == line && (reason.column() <= 0 || column <= 0 || reason.column() == column)) {
                    return true;
                }
            }
            return false;
        }

        private boolean quotesReason(int line, String reason) {
            if (reason.length() < MIN_REASON) {
                return false;
            }
            for (int i = 0; i < reasons.size(); i++) {
                if (knownLine(reasons.get(i).line()) == line && collapsedMessages.get(i).contains(reason)) {
                    return true;
                }
            }
            return false;
        }

        private boolean quotes(String quote) {
            for (String message : collapsedMessages) {
                if (message.contains(quote)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int knownLine(int line) {
        return line > 0 ? line : -1;
    }

    private static Diagnostic describe(Rule rule, Node.Opaque part) {
        int line = part.span().line() > 0 ? part.span().line() : -1;
        int column = line > 0 && part.span().column() > 0 ? part.span().column() : -1;
        StringBuilder message = new StringBuilder();
        // Splunk spans sit on the line of the search key and keep offsets in the expanded search,
        // so the offset is what places the part, as in the Splunk reader's own diagnostics.
        if (rule.vendor() == Vendor.SPLUNK && part.span().hasQueryRange()) {
            message.append("At column ").append(part.span().start() + 1).append(" of the expanded search: ");
        }
        String text = collapse(part.text());
        if (text.isEmpty()) {
            message.append(message.length() == 0 ? "A" : "a").append(" part of the rule");
        } else {
            message.append(message.length() == 0 ? "The" : "the").append(" part \"").append(shorten(text))
                    .append('"');
        }
        message.append(" is kept as opaque text, not as predicates");
        String reason = collapse(part.reason());
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        message.append(reason.isEmpty() ? "." : " (" + reason + ").");
        return new Diagnostic(rule.file(), line, column, Diagnostic.Kind.UNSUPPORTED, CODE, message.toString());
    }

    /** Returns the text on one line, cut to {@value #MAX_QUOTE} characters with "..." when longer. */
    static String shorten(String text) {
        String collapsed = collapse(text);
        if (collapsed.length() <= MAX_QUOTE) {
            return collapsed;
        }
        int end = MAX_QUOTE - 3;
        if (Character.isHighSurrogate(collapsed.charAt(end - 1))) {
            end--;
        }
        return collapsed.substring(0, end) + "...";
    }

    /** Returns the text with every run of whitespace replaced by one space, stripped. */
    static String collapse(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
