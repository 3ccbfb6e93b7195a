package org.detectionatlas.sources.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.sigma.YamlTree.YList;
import org.detectionatlas.sources.sigma.YamlTree.YMap;
import org.detectionatlas.sources.sigma.YamlTree.YNode;
import org.detectionatlas.sources.sigma.YamlTree.YScalar;

/** Turns one Sigma search identifier (a selection or keyword list) into a predicate tree. */
final class SelectionBuilder {

    /** A windash value with more option dashes than this would expand to more than 625 values. */
    private static final int MAX_WINDASH_VALUES = 625;

    private final String file;
    private final List<Diagnostic> diagnostics;

    SelectionBuilder(String file, List<Diagnostic> diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** Builds the tree of one search identifier, or returns null after an INVALID diagnostic. */
    Node build(String name, YNode selection) {
        if (selection instanceof YMap map) {
            return fields(map);
        }
        if (selection instanceof YList list) {
            if (list.items().isEmpty()) {
                diagnostics.add(invalid(list, "empty-selection",
                        "Selection '" + name + "' is an empty list; expected field maps or keywords."));
                return null;
            }
            List<Node> alternatives = new ArrayList<>();
            for (YNode item : list.items()) {
                if (item instanceof YMap map) {
                    alternatives.add(fields(map));
                } else if (item instanceof YScalar scalar && !scalar.isNull()) {
                    alternatives.add(keyword(scalar));
                } else {
                    diagnostics.add(invalid(item, "invalid-selection", "Selection '" + name
                            + "' holds " + describe(item) + "; expected a field map or a keyword."));
                }
            }
            return alternatives.isEmpty() ? null : Node.or(flattenOr(alternatives));
        }
        YScalar scalar = (YScalar) selection;
        if (scalar.isNull()) {
            diagnostics.add(invalid(scalar, "empty-selection",
                    "Selection '" + name + "' is empty; expected field maps or keywords."));
            return null;
        }
        return keyword(scalar);
    }

    private Node keyword(YScalar scalar) {
        // Keywords take Sigma's wildcards and escapes, so the value is kept in WILDCARD form.
        String pattern = scalar.kind().equals("str") ? SigmaPatterns.fromSigma(scalar.text())
                : SigmaPatterns.escape(scalar.text());
        return Predicate.of(null, Operator.MATCH, pattern, false, render(scalar), span(scalar));
    }

    private Node fields(YMap map) {
        if (map.entries().isEmpty()) {
            diagnostics.add(invalid(map, "empty-selection", "Selection map is empty; expected fields."));
            return new Node.Opaque("{}", "empty selection", span(map));
        }
        List<Node> tests = new ArrayList<>();
        for (Map.Entry<String, YNode> entry : map.entries().entrySet()) {
            tests.add(field(entry.getKey(), entry.getValue(), map.keyLines().get(entry.getKey())));
        }
        return Node.and(flattenAnd(tests));
    }

    /** Builds the test of one {@code Field|mod|mod: value} entry. */
    Node field(String key, YNode value, int keyLine) {
        String[] parts = key.split("\\|", -1);
        String fieldName = parts[0].isEmpty() ? null : parts[0];
        List<String> modifiers = Arrays.asList(parts).subList(1, parts.length);
        Span keySpan = Span.atLine(keyLine);

        for (String modifier : modifiers) {
            if (!SigmaModifiers.isKnown(modifier)) {
                String suggestion = SigmaModifiers.suggest(modifier);
                diagnostics.add(Diagnostic.invalid(file, keyLine, "unknown-modifier", "Unknown modifier '"
                        + modifier + "' in '" + key + "'; expected a Sigma modifier such as contains, endswith"
                        + " or re" + (suggestion == null ? "." : " (did you mean '" + suggestion + "'?)")));
                return new Node.Opaque(key, "unknown modifier " + modifier, keySpan);
            }
        }
        if (modifiers.contains("expand")) {
            return placeholder(key, value, keySpan);
        }
        if (modifiers.contains("fieldref")) {
            return fieldReference(key, fieldName, modifiers, value, keySpan);
        }
        for (String modifier : modifiers) {
            if (SigmaModifiers.UNSUPPORTED.contains(modifier)) {
                diagnostics.add(Diagnostic.unsupported(file, keyLine, "unsupported-modifier", "Modifier '"
                        + modifier + "' in '" + key + "' compares a part of a date, which predicates do not model."));
                return new Node.Opaque(key + ": " + valueText(value), "modifier " + modifier
                        + " compares a part of a date", keySpan);
            }
        }

        List<YScalar> values = new ArrayList<>();
        if (value instanceof YScalar scalar) {
            values.add(scalar);
        } else if (value instanceof YList list && !list.items().isEmpty()) {
            for (YNode item : list.items()) {
                if (!(item instanceof YScalar scalar)) {
                    diagnostics.add(invalid(item, "invalid-value", "Field '" + key + "' holds "
                            + describe(item) + " in its value list; expected plain values."));
                    return new Node.Opaque(key, "invalid value", keySpan);
                }
                values.add(scalar);
            }
        } else {
            diagnostics.add(invalid(value, "invalid-value", "Field '" + key + "' holds " + describe(value)
                    + "; expected a value or a list of values."));
            return new Node.Opaque(key, "invalid value", keySpan);
        }

        List<Node> tests = new ArrayList<>();
        for (YScalar scalar : values) {
            Node test = value(key, fieldName, modifiers, scalar);
            if (test == null) {
                return new Node.Opaque(key + ": " + valueText(value), "invalid value", keySpan);
            }
            tests.add(test);
        }
        Node combined = modifiers.contains("all") ? Node.and(flattenAnd(tests)) : Node.or(flattenOr(tests));
        return modifiers.contains("neq") ? new Node.Not(combined) : combined;
    }

    /**
     * Reports an {@code expand} value. Placeholders such as {@code %domain_controllers%} stand for
     * lists each deployment defines; the corpus ships no definitions, so the test stays opaque.
     */
    private Node placeholder(String key, YNode value, Span keySpan) {
        List<String> names = new ArrayList<>();
        if (value instanceof YScalar scalar && !scalar.isNull()) {
            names.add(scalar.text());
        } else if (value instanceof YList list) {
            for (YNode item : list.items()) {
                if (item instanceof YScalar scalar && !scalar.isNull()) {
                    names.add(scalar.text());
                }
            }
        }
        for (String name : names) {
            boolean wellFormed = name.length() > 2 && name.startsWith("%") && name.endsWith("%");
            diagnostics.add(Diagnostic.unsupported(file, keySpan.line(), "undefined-placeholder", "Placeholder '"
                    + name + "' in '" + key + "' is not defined by the corpus; define its values in the placeholder"
                    + " configuration of the backend" + (wellFormed ? "." : ", and write it as %name%.")));
        }
        return new Node.Opaque(key + ": " + valueText(value), "placeholder " + String.join(", ", names)
                + " has no values", keySpan);
    }

    /**
     * Builds a {@code fieldref} test, which compares the field with another field of the same
     * event. The model's operators compare with constants only, so each referenced field becomes
     * an opaque part whose text is {@code Field|modifiers: OtherField}; the evaluator reads that
     * text back.
     */
    private Node fieldReference(String key, String fieldName, List<String> modifiers, YNode value, Span keySpan) {
        List<YScalar> values = new ArrayList<>();
        if (value instanceof YScalar scalar && !scalar.isNull()) {
            values.add(scalar);
        } else if (value instanceof YList list) {
            for (YNode item : list.items()) {
                if (item instanceof YScalar scalar && !scalar.isNull()) {
                    values.add(scalar);
                }
            }
        }
        if (values.isEmpty() || fieldName == null) {
            diagnostics.add(invalid(value, "invalid-value", "Modifier 'fieldref' in '" + key
                    + "' needs a field on the left and field names as values."));
            return new Node.Opaque(key, "invalid value", keySpan);
        }
        diagnostics.add(Diagnostic.unsupported(file, keySpan.line(), "fieldref", "Modifier 'fieldref' in '" + key
                + "' compares two fields of the event; it is kept as an opaque part because predicates compare"
                + " fields with constants only."));
        List<Node> references = new ArrayList<>();
        for (YScalar scalar : values) {
            String other = scalar.text();
            references.add(new Node.Opaque(key + ": " + other, "fieldref: " + fieldName + " compared with field "
                    + other, span(scalar)));
        }
        Node combined = modifiers.contains("all") ? Node.and(references) : Node.or(references);
        return modifiers.contains("neq") ? new Node.Not(combined) : combined;
    }

    /** Builds the test of one value, or returns null after an INVALID diagnostic. */
    private Node value(String key, String fieldName, List<String> modifiers, YScalar scalar) {
        String original = (key + ": " + render(scalar)).stripTrailing();
        Span span = span(scalar);
        boolean cased = modifiers.contains("cased");

        if (modifiers.contains("exists")) {
            if (!scalar.kind().equals("bool")) {
                diagnostics.add(invalid(scalar, "invalid-value", "Modifier 'exists' in '" + key
                        + "' takes true or false, not '" + scalar.text() + "'."));
                return null;
            }
            return Predicate.of(fieldName, Operator.EXISTS, scalar.text().toLowerCase(Locale.ROOT), false,
                    original, span);
        }
        if (scalar.isNull()) {
            return Predicate.of(fieldName, Operator.EXISTS, "false", false, original, span);
        }
        if (fieldName == null) {
            // A keyword with modifiers, such as '|all': the modifiers only combine the keywords.
            String pattern = scalar.kind().equals("str") ? SigmaPatterns.fromSigma(scalar.text())
                    : SigmaPatterns.escape(scalar.text());
            return Predicate.of(null, Operator.MATCH, pattern, cased, original, span);
        }
        if (modifiers.contains("re")) {
            StringBuilder flags = new StringBuilder();
            for (String flag : List.of("i", "m", "s")) {
                if (modifiers.contains(flag)) {
                    flags.append(flag);
                }
            }
            String regex = flags.length() == 0 ? scalar.text() : "(?" + flags + ")" + scalar.text();
            try {
                java.util.regex.Pattern.compile(regex);
            } catch (java.util.regex.PatternSyntaxException e) {
                // Kept as a predicate so the rule's intent stays visible; matching it is undecided.
                diagnostics.add(invalid(scalar, "invalid-regex", "The regular expression '" + scalar.text()
                        + "' is invalid (" + e.getDescription() + " near index " + e.getIndex()
                        + "); expected a Java-compatible regular expression."));
            }
            return Predicate.of(fieldName, Operator.REGEX_MATCH, regex, !modifiers.contains("i"), original, span);
        }
        if (modifiers.contains("cidr")) {
            return Predicate.of(fieldName, Operator.CIDR, scalar.text(), false, original, span);
        }
        for (String comparison : SigmaModifiers.COMPARISONS) {
            if (modifiers.contains(comparison)) {
                Operator operator = Operator.valueOf(comparison.toUpperCase(Locale.ROOT));
                return Predicate.of(fieldName, operator, scalar.text(), false, original, span);
            }
        }
        if (scalar.text().isEmpty()) {
            return Predicate.of(fieldName, Operator.EQ, "", cased, original, span);
        }

        List<String> patterns = new ArrayList<>();
        patterns.add(scalar.kind().equals("str") ? SigmaPatterns.fromSigma(scalar.text())
                : SigmaPatterns.escape(scalar.text()));
        String encoding = null;
        for (String modifier : modifiers) {
            if (SigmaModifiers.ENCODINGS.contains(modifier)) {
                encoding = modifier;
            } else if (modifier.equals("base64") || modifier.equals("base64offset")) {
                List<String> encoded = new ArrayList<>();
                for (String pattern : patterns) {
                    if (SigmaPatterns.hasWildcard(pattern)) {
                        diagnostics.add(invalid(scalar, "invalid-value", "Modifier '" + modifier + "' in '"
                                + key + "' cannot encode the wildcard in '" + scalar.text() + "'."));
                        return null;
                    }
                    byte[] bytes = SigmaPatterns.encode(SigmaPatterns.unescape(pattern), encoding);
                    if (modifier.equals("base64")) {
                        encoded.add(SigmaPatterns.escape(SigmaPatterns.base64(bytes)));
                    } else {
                        for (String variant : SigmaPatterns.base64Offsets(bytes)) {
                            encoded.add(SigmaPatterns.escape(variant));
                        }
                    }
                }
                patterns = encoded;
            } else if (modifier.equals("windash")) {
                List<String> expanded = new ArrayList<>();
                for (String pattern : patterns) {
                    expanded.addAll(SigmaPatterns.windash(pattern));
                }
                if (expanded.size() > MAX_WINDASH_VALUES) {
                    diagnostics.add(Diagnostic.unsupported(file, scalar.line(), "windash-too-many", "Modifier"
                            + " 'windash' in '" + key + "' would expand '" + scalar.text() + "' into "
                            + expanded.size() + " values; at most " + MAX_WINDASH_VALUES + " are built."));
                    return new Node.Opaque(original, "windash expansion too large", span);
                }
                patterns = expanded;
            } else if (modifier.equals("contains")) {
                patterns.replaceAll(pattern -> "*" + pattern + "*");
            } else if (modifier.equals("startswith")) {
                patterns.replaceAll(pattern -> pattern + "*");
            } else if (modifier.equals("endswith")) {
                patterns.replaceAll(pattern -> "*" + pattern);
            }
        }
        List<Node> alternatives = new ArrayList<>();
        for (String pattern : patterns) {
            alternatives.add(SigmaPatterns.hasWildcard(pattern)
                    ? Predicate.of(fieldName, Operator.WILDCARD, pattern, cased, original, span)
                    : Predicate.of(fieldName, Operator.EQ, SigmaPatterns.unescape(pattern), cased, original, span));
        }
        return Node.or(alternatives);
    }

    /** Renders a scalar the way the rule writes it, quotes included. */
    static String render(YScalar scalar) {
        if (!scalar.quoted()) {
            return scalar.text();
        }
        if (scalar.quote() == '\'') {
            return "'" + scalar.text().replace("'", "''") + "'";
        }
        return "\"" + scalar.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String valueText(YNode value) {
        if (value instanceof YScalar scalar) {
            return render(scalar);
        }
        if (value instanceof YList list) {
            List<String> items = new ArrayList<>();
            for (YNode item : list.items()) {
                items.add(item instanceof YScalar scalar ? render(scalar) : describe(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return describe(value);
    }

    private static String describe(YNode node) {
        if (node instanceof YMap) {
            return "a map";
        }
        if (node instanceof YList list) {
            return list.items().isEmpty() ? "an empty list" : "a list";
        }
        YScalar scalar = (YScalar) node;
        return scalar.isNull() ? "no value" : "'" + scalar.text() + "'";
    }

    static Span span(YNode node) {
        return new Span(node.line(), node.column(), -1, -1);
    }

    private Diagnostic invalid(YNode node, String code, String message) {
        return Diagnostic.invalid(file, node.line(), code, message).at(node.line(), node.column());
    }

    static List<Node> flattenAnd(List<Node> nodes) {
        List<Node> flat = new ArrayList<>();
        nodes.forEach(node -> Node.addFlattened(flat, node, false));
        return flat;
    }

    static List<Node> flattenOr(List<Node> nodes) {
        List<Node> flat = new ArrayList<>();
        nodes.forEach(node -> Node.addFlattened(flat, node, true));
        return flat;
    }
}
