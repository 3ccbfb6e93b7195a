package org.detectionatlas.sources.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Rule;

/**
 * Links Sigma rules that name other rules. A filter rule's condition is applied as an exclusion
 * to every rule it names: the target's tree becomes {@code and(tree, not(filter))}. A correlation
 * rule is recorded on the rules it correlates, under the property {@code correlatedBy}. Rules
 * are named by id or by their {@code name} field.
 */
final class SigmaLinks {

    private SigmaLinks() {}

    /** Returns the rules with filters applied and correlations recorded, in the same order. */
    static List<Rule> link(List<Rule> rules) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            byName.putIfAbsent(rule.id(), i);
            String name = rule.properties().get("name");
            if (name != null) {
                byName.putIfAbsent(name, i);
            }
        }
        List<Rule> linked = new ArrayList<>(rules);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.ruleType().equals("filter")) {
                applyFilter(rule, names(rule, "filterTargets"), byName, linked, i);
            } else if (rule.ruleType().equals("correlation")) {
                recordCorrelation(rule, names(rule, "correlationRules"), byName, linked, i);
            }
        }
        return linked;
    }

    private static List<String> names(Rule rule, String property) {
        String text = rule.properties().get(property);
        return text == null ? List.of() : List.of(text.split("\n"));
    }

    // NOTE: a filter also requires the target's logsource to match its own; that check is not made.
    private static void applyFilter(Rule filter, List<String> targets, Map<String, Integer> byName,
            List<Rule> linked, int filterIndex) {
        for (String target : targets) {
            Integer index = byName.get(target);
            if (index == null) {
                addDiagnostic(linked, filterIndex, Diagnostic.warning(filter.file(), -1, "unknown-rule",
                        "Filter names rule '" + target + "', which the corpus does not contain; expected a rule id"
                                + " or name."));
                continue;
            }
            Rule rule = linked.get(index);
            if (rule.tree() == null || filter.tree() == null) {
                continue;
            }
            Node tree = new Node.And(SelectionBuilder.flattenAnd(List.of(rule.tree(), new Node.Not(filter.tree()))));
            List<Diagnostic> diagnostics = new ArrayList<>(rule.diagnostics());
            diagnostics.add(Diagnostic.warning(rule.file(), -1, "filtered", "Filter " + filter.file()
                    + " excludes events from this rule; its condition is applied as 'and not'."));
            linked.set(index, rule.withTree(tree).withDiagnostics(diagnostics));
        }
    }

    private static void recordCorrelation(Rule correlation, List<String> targets, Map<String, Integer> byName,
            List<Rule> linked, int correlationIndex) {
        for (String target : targets) {
            Integer index = byName.get(target);
            if (index == null) {
                addDiagnostic(linked, correlationIndex, Diagnostic.warning(correlation.file(), -1, "unknown-rule",
                        "Correlation names rule '" + target + "', which the corpus does not contain; expected a rule"
                                + " id or name."));
                continue;
            }
            Rule rule = linked.get(index);
            Map<String, String> properties = new LinkedHashMap<>(rule.properties());
            properties.merge("correlatedBy", correlation.id(), (first, second) -> first + "\n" + second);
            linked.set(index, rule.withProperties(properties));
        }
    }

    private static void addDiagnostic(List<Rule> rules, int index, Diagnostic diagnostic) {
        Rule rule = rules.get(index);
        List<Diagnostic> diagnostics = new ArrayList<>(rule.diagnostics());
        diagnostics.add(diagnostic);
        rules.set(index, rule.withDiagnostics(diagnostics));
    }

}
