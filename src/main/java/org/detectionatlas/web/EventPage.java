package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.analyze.TreeWalk;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * The event page: one catalog event, the rules mapped to it and the fields those rules test.
 * Built from the rules' own event mapping; a richer event report can replace {@code fields} later.
 *
 * @param event the catalog entry, absent when rules name an event the dictionaries lack
 * @param rulesByVendor the active rules reading the event, by vendor id
 * @param inactiveRules deprecated and unsupported rules reading it
 * @param techniques techniques of the active rules with rule counts, most first
 * @param fields canonical fields the active rules test, with rule counts, most first
 */
public record EventPage(EventKey key, Optional<CatalogEvent> event, String title,
        Map<String, List<RuleRef>> rulesByVendor, List<RuleRef> inactiveRules, List<FieldPage.TechniqueCount> techniques,
        List<FieldCount> fields) {
    /** Fields listed on the page. */
    static final int MAX_FIELDS = 40;

    /** A canonical field with the number of the event's rules testing it. */
    public record FieldCount(String field, int rules) {
        public String url() {
            return Urls.field(field);
        }
    }

    public static EventPage of(SiteIndex site, EventKey key) {
        List<Rule> rules = new ArrayList<>(site.rulesReading(key));
        rules.sort(SiteIndex.byVendorAndTitle());
        Map<String, List<RuleRef>> byVendor = new LinkedHashMap<>();
        for (Vendor vendor : Vendor.values()) {
            byVendor.put(vendor.id(), new ArrayList<>());
        }
        List<RuleRef> inactive = new ArrayList<>();
        Map<String, Integer> techniqueCounts = new HashMap<>();
        Map<String, Integer> fieldCounts = new HashMap<>();
        for (Rule rule : rules) {
            if (!rule.active()) {
                inactive.add(RuleRef.of(rule));
                continue;
            }
            byVendor.get(rule.vendor().id()).add(RuleRef.of(rule));
            rule.techniques().forEach(technique -> techniqueCounts.merge(technique, 1, Integer::sum));
            if (rule.tree() != null) {
                Set<String> fields = new HashSet<>();
                for (Predicate predicate : TreeWalk.predicates(rule.tree())) {
                    if (predicate.field() != null) {
                        fields.add(predicate.field());
                    }
                }
                fields.forEach(field -> fieldCounts.merge(field, 1, Integer::sum));
            }
        }
        List<FieldPage.TechniqueCount> techniques = techniqueCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> new FieldPage.TechniqueCount(entry.getKey(), site.catalogIndex().catalog()
                        .technique(entry.getKey()).map(t -> t.name()).orElse(""), entry.getValue()))
                .toList();
        List<FieldCount> fields = fieldCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_FIELDS).map(entry -> new FieldCount(entry.getKey(), entry.getValue())).toList();
        String title = site.catalogIndex().eventTitle(key);
        return new EventPage(key, site.catalogIndex().catalog().event(key), title.isEmpty() ? "Event " + key.eventId() : title,
                byVendor, inactive, techniques, fields);
    }

    public boolean known() {
        return event.isPresent() || rulesByVendor.values().stream().anyMatch(list -> !list.isEmpty())
                || !inactiveRules.isEmpty();
    }

    public String ruleUrl(RuleRef rule) {
        return Urls.rule(rule.vendor(), rule.id());
    }
}
