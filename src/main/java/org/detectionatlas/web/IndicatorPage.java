package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.detectionatlas.analyze.IndicatorKey;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * The indicator page: every rule of the corpus that tests one (field, operator, value), whatever
 * the polarity, grouped by technique and counted by vendor.
 *
 * @param field the canonical field, empty for free text
 * @param byTechnique rules per technique id, techniques by id; rules naming no technique are under "none"
 * @param byVendor rule count per vendor id
 */
public record IndicatorPage(String field, String operator, String value, Map<String, List<RuleRef>> byTechnique,
        Map<String, Integer> byVendor, List<RuleRef> rules, Map<String, String> techniqueNames) {

    /** Returns the page, or empty when the operator is not one of the model's. */
    public static Optional<IndicatorPage> of(SiteIndex site, String field, String operator, String value) {
        Optional<Operator> parsed = parseOperator(operator);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String canonicalField = field == null || field.isEmpty() ? null : field;
        // The index folds case for case-insensitive tests and keeps it for the others, so both spellings are asked.
        Set<Rule> found = SiteIndex.ruleSet();
        found.addAll(site.rulesWith(new IndicatorKey(canonicalField, parsed.get(), value)));
        found.addAll(site.rulesWith(new IndicatorKey(canonicalField, parsed.get(), value.toLowerCase(Locale.ROOT))));
        List<Rule> rules = new ArrayList<>(found);
        rules.sort(SiteIndex.byVendorAndTitle());
        Map<String, List<RuleRef>> byTechnique = new TreeMap<>();
        Map<String, Integer> byVendor = new LinkedHashMap<>();
        for (Vendor vendor : Vendor.values()) {
            byVendor.put(vendor.id(), 0);
        }
        for (Rule rule : rules) {
            byVendor.merge(rule.vendor().id(), 1, Integer::sum);
            List<String> techniques = rule.techniques().isEmpty() ? List.of("none") : rule.techniques();
            for (String technique : techniques) {
                byTechnique.computeIfAbsent(technique, key -> new ArrayList<>()).add(RuleRef.of(rule));
            }
        }
        Map<String, String> names = new TreeMap<>();
        for (String id : byTechnique.keySet()) {
            names.put(id, site.catalogIndex().catalog().technique(id).map(technique -> technique.name()).orElse(""));
        }
        return Optional.of(new IndicatorPage(field == null ? "" : field, parsed.get().id(), value, byTechnique,
                byVendor, rules.stream().map(RuleRef::of).toList(), names));
    }

    static Optional<Operator> parseOperator(String text) {
        for (Operator operator : Operator.values()) {
            if (operator.id().equalsIgnoreCase(text)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    public String fieldLabel() {
        return field.isEmpty() ? "(any field)" : field;
    }

    public String fieldUrl() {
        return Urls.field(field);
    }

    public String techniqueUrl(String id) {
        return Urls.technique(id);
    }

    public String ruleUrl(RuleRef rule) {
        return Urls.rule(rule.vendor(), rule.id());
    }

    public String csvUrl() {
        return Urls.indicator(field, operator, value).replace("/indicators?", "/export/indicators.csv?");
    }
}
