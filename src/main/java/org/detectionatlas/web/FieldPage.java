package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.detectionatlas.analyze.IndicatorKey;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * The field page: how the corpus tests one canonical field.
 *
 * @param spellings the vendor spellings of the field dictionary, by vendor id
 * @param seenSpellings the vendor spellings the rules actually use, by vendor id
 * @param operators tests per operator, most used first
 * @param values the most tested values with their rule counts
 * @param techniques techniques of the active rules testing the field, with rule counts
 * @param rules every rule testing the field, by vendor then title
 */
public record FieldPage(String field, Map<String, List<String>> spellings, Map<String, Set<String>> seenSpellings,
        Map<String, Integer> operators, List<ValueCount> values, List<TechniqueCount> techniques,
        List<RuleRef> rules, int tests, OperatorChart chart) {
    /** Values listed on the page. */
    static final int MAX_VALUES = 30;

    /** A tested value with the number of rules testing it. */
    public record ValueCount(String operator, String value, int rules) {
        public String url(String field) {
            return Urls.indicator(field, operator, value);
        }
    }

    /** A technique with the number of active rules of it testing the field. */
    public record TechniqueCount(String id, String name, int rules) {
        public String url() {
            return Urls.technique(id);
        }
    }

    public static FieldPage of(SiteIndex site, String field, Map<Vendor, List<String>> dictionarySpellings) {
        List<SiteIndex.Use> uses = site.uses(field);
        Map<String, List<String>> spellings = new LinkedHashMap<>();
        dictionarySpellings.forEach((vendor, names) -> spellings.put(vendor.id(), names));
        Map<String, Set<String>> seen = new TreeMap<>();
        Map<String, Integer> operatorCounts = new HashMap<>();
        Map<IndicatorKey, Set<Rule>> valueRules = new HashMap<>();
        Map<IndicatorKey, String> valueSpelling = new HashMap<>();
        Map<String, Set<Rule>> techniqueRules = new HashMap<>();
        Set<Rule> rules = SiteIndex.ruleSet();
        for (SiteIndex.Use use : uses) {
            Rule rule = use.rule();
            rules.add(rule);
            if (use.predicate().vendorField() != null) {
                seen.computeIfAbsent(rule.vendor().id(), key -> new java.util.TreeSet<>()).add(use.predicate().vendorField());
            }
            operatorCounts.merge(use.predicate().operator().id(), 1, Integer::sum);
            IndicatorKey key = IndicatorKey.of(use.predicate());
            valueRules.computeIfAbsent(key, k -> SiteIndex.ruleSet()).add(rule);
            valueSpelling.putIfAbsent(key, use.predicate().value());
            if (rule.active()) {
                for (String technique : rule.techniques()) {
                    techniqueRules.computeIfAbsent(technique, k -> SiteIndex.ruleSet()).add(rule);
                }
            }
        }
        Map<String, Integer> operators = new LinkedHashMap<>();
        operatorCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> operators.put(entry.getKey(), entry.getValue()));
        List<ValueCount> values = valueRules.entrySet().stream()
                .sorted(Map.Entry.<IndicatorKey, Set<Rule>>comparingByValue((a, b) -> Integer.compare(b.size(), a.size()))
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_VALUES)
                .map(entry -> new ValueCount(entry.getKey().operator().id(), valueSpelling.get(entry.getKey()),
                        entry.getValue().size()))
                .toList();
        List<TechniqueCount> techniques = techniqueRules.entrySet().stream()
                .sorted(Map.Entry.<String, Set<Rule>>comparingByValue((a, b) -> Integer.compare(b.size(), a.size()))
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> new TechniqueCount(entry.getKey(), site.catalogIndex().catalog().technique(entry.getKey())
                        .map(t -> t.name()).orElse(""), entry.getValue().size()))
                .toList();
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(SiteIndex.byVendorAndTitle());
        return new FieldPage(field, spellings, seen, operators, values, techniques,
                sorted.stream().map(RuleRef::of).toList(), uses.size(), OperatorChart.of(operators));
    }

    public boolean known() {
        return tests > 0 || !spellings.isEmpty();
    }

    public String ruleUrl(RuleRef rule) {
        return Urls.rule(rule.vendor(), rule.id());
    }

    public String csvUrl() {
        return "/export/indicators.csv?field=" + Urls.encodeQuery(field);
    }

    /** Returns every operator id of the model, so the chart keeps one order across pages. */
    static List<String> operatorOrder() {
        List<String> order = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            order.add(operator.id());
        }
        return order;
    }
}
