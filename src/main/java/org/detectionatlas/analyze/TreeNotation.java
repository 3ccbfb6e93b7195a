package org.detectionatlas.analyze;

import java.util.stream.Collectors;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;

/**
 * Renders a predicate tree in the text notation used by the command line and the pages:
 * {@code and(eq(process.name, "cmd.exe"), not(or(...)))}.
 *
 * <p>A predicate is {@code operator(field, "value")}, with {@code cased} appended for
 * case-sensitive tests ({@code eq(process.name, "cmd.exe", cased)}); a free-text match has no
 * field ({@code match("mimikatz")}). Values are quoted with {@code \"} and {@code \\} escaped.
 * A sequence is {@code sequence(by [k], maxspan 1m, step, step...)}, an opaque part
 * {@code opaque("text", reason "...")}.
 */
public final class TreeNotation {
    private TreeNotation() {}

    /** The field spelling to print. */
    public enum Fields {
        CANONICAL,
        VENDOR
    }

    public static String render(Node node, Fields fields) {
        StringBuilder out = new StringBuilder();
        append(node, fields, out);
        return out.toString();
    }

    /** Renders one predicate. */
    public static String render(Predicate predicate, Fields fields) {
        StringBuilder out = new StringBuilder();
        append(predicate, fields, out);
        return out.toString();
    }

    private static void append(Node node, Fields fields, StringBuilder out) {
        if (node == null) {
            out.append("none");
        } else if (node instanceof Predicate predicate) {
            out.append(predicate.operator().id()).append('(');
            String field = fields == Fields.VENDOR ? predicate.vendorField() : predicate.field();
            if (field != null) {
                out.append(field).append(", ");
            }
            out.append(quote(predicate.value()));
            if (predicate.caseSensitive()) {
                out.append(", cased");
            }
            out.append(')');
        } else if (node instanceof Node.Not not) {
            out.append("not(");
            append(not.child(), fields, out);
            out.append(')');
        } else if (node instanceof Node.And and) {
            appendList("and", and.children(), fields, out);
        } else if (node instanceof Node.Or or) {
            appendList("or", or.children(), fields, out);
        } else if (node instanceof Node.Sequence sequence) {
            out.append(sequence.ordered() ? "sequence" : "sample").append("(by [")
                    .append(String.join(", ", sequence.by())).append(']');
            if (!sequence.maxspan().isEmpty()) {
                out.append(", maxspan ").append(sequence.maxspan());
            }
            for (int i = 0; i < sequence.steps().size(); i++) {
                out.append(", ");
                boolean keyed = !sequence.stepBy().get(i).isEmpty();
                boolean repeated = sequence.runs().get(i) != 1;
                if (keyed || repeated) {
                    out.append("step(");
                    append(sequence.steps().get(i), fields, out);
                    if (keyed) {
                        out.append(", by [").append(String.join(", ", sequence.stepBy().get(i))).append(']');
                    }
                    if (repeated) {
                        out.append(", runs ").append(sequence.runs().get(i));
                    }
                    out.append(')');
                } else {
                    append(sequence.steps().get(i), fields, out);
                }
            }
            if (sequence.until() != null) {
                out.append(", until ");
                append(sequence.until(), fields, out);
            }
            out.append(')');
        } else if (node instanceof Node.Opaque opaque) {
            out.append("opaque(").append(quote(opaque.text())).append(", reason ")
                    .append(quote(opaque.reason())).append(')');
        }
    }

    private static void appendList(String name, java.util.List<Node> children, Fields fields, StringBuilder out) {
        out.append(name).append('(');
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(children.get(i), fields, out);
        }
        out.append(')');
    }

    static String quote(String value) {
        return value.chars()
                .mapToObj(c -> c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : String.valueOf((char) c))
                .collect(Collectors.joining("", "\"", "\""));
    }
}
