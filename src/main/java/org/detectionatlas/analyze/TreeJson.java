package org.detectionatlas.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;

/**
 * Turns a predicate tree into nested maps for JSON: {@code {"and": [...]}}, {@code {"or": [...]}},
 * {@code {"not": {...}}}, {@code {"sequence": {"by": [...], "maxspan": "", "steps": [...]}}},
 * {@code {"opaque": {"text": ..., "reason": ...}}} and, for a predicate,
 * {@code {"field", "vendorField", "operator", "value", "caseSensitive", "original", "line"}}.
 */
public final class TreeJson {
    private TreeJson() {}

    public static Object toJson(Node node) {
        if (node == null) {
            return null;
        }
        if (node instanceof Predicate predicate) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("field", predicate.field());
            out.put("vendorField", predicate.vendorField());
            out.put("operator", predicate.operator().id());
            out.put("value", predicate.value());
            out.put("caseSensitive", predicate.caseSensitive());
            out.put("original", predicate.original());
            if (predicate.span().line() >= 0) {
                out.put("line", predicate.span().line());
            }
            if (predicate.vendorOperator() != predicate.operator() || !predicate.vendorValue().equals(predicate.value())) {
                out.put("vendorOperator", predicate.vendorOperator().id());
                out.put("vendorValue", predicate.vendorValue());
            }
            return out;
        }
        if (node instanceof Node.Not not) {
            return Map.of("not", toJson(not.child()));
        }
        if (node instanceof Node.And and) {
            return Map.of("and", children(and.children()));
        }
        if (node instanceof Node.Or or) {
            return Map.of("or", children(or.children()));
        }
        if (node instanceof Node.Sequence sequence) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("by", sequence.by());
            body.put("maxspan", sequence.maxspan());
            body.put("steps", children(sequence.steps()));
            body.put("stepBy", sequence.stepBy());
            body.put("runs", sequence.runs());
            body.put("ordered", sequence.ordered());
            if (sequence.until() != null) {
                body.put("until", toJson(sequence.until()));
            }
            return Map.of("sequence", body);
        }
        Node.Opaque opaque = (Node.Opaque) node;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", opaque.text());
        body.put("reason", opaque.reason());
        return Map.of("opaque", body);
    }

    private static List<Object> children(List<Node> nodes) {
        List<Object> out = new ArrayList<>(nodes.size());
        nodes.forEach(node -> out.add(toJson(node)));
        return out;
    }
}
