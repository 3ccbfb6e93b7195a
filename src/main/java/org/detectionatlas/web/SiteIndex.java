package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.detectionatlas.text.Names;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.IndicatorKey;
import org.detectionatlas.analyze.TreeWalk;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;

/**
 * Lookups the pages need beyond {@link CatalogIndex}: predicates by canonical field, rules by
 * indicator and by event, and the search entries. Built once when the server starts, because the
 * catalog does not change while serving.
 */
public final class SiteIndex {
    /** One predicate of one rule, for the field page. */
    public record Use(Rule rule, Predicate predicate) {}

    /**
     * One searchable item.
     *
     * @param kind technique, rule, field or value
     * @param text the lower-cased text matched against the query
     */
    public record Entry(String kind, String text, String label, String detail, String url) {}

    private final CatalogIndex index;
    private final Map<String, List<Use>> usesByField = new HashMap<>();
    private final Map<IndicatorKey, List<Rule>> rulesByIndicator = new HashMap<>();
    private final Map<EventKey, List<Rule>> rulesByEvent = new TreeMap<>();
    private final List<Entry> entries = new ArrayList<>();

    public SiteIndex(CatalogIndex index) {
        this.index = index;
        for (Rule rule : index.catalog().rules()) {
            for (EventKey event : new LinkedHashSet<>(rule.events())) {
                rulesByEvent.computeIfAbsent(event, key -> new ArrayList<>()).add(rule);
            }
            if (rule.tree() == null) {
                continue;
            }
            Set<IndicatorKey> seen = new LinkedHashSet<>();
            for (Predicate predicate : TreeWalk.predicates(rule.tree())) {
                if (predicate.field() != null) {
                    usesByField.computeIfAbsent(predicate.field(), key -> new ArrayList<>()).add(new Use(rule, predicate));
                }
                IndicatorKey key = IndicatorKey.of(predicate);
                if (seen.add(key)) {
                    rulesByIndicator.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
                }
            }
        }
        buildEntries();
    }

    private void buildEntries() {
        for (Technique technique : index.catalog().techniques().values()) {
            entries.add(new Entry("technique", (technique.id() + " " + technique.name()).toLowerCase(Locale.ROOT),
                    technique.id() + " " + technique.name(), String.join(", ", technique.tactics()),
                    Urls.technique(technique.id())));
        }
        for (Rule rule : index.catalog().rules()) {
            String text = rule.id() + " " + rule.title() + " " + rule.description() + " "
                    + String.join(" ", rule.techniques());
            entries.add(new Entry("rule", text.toLowerCase(Locale.ROOT), rule.title(),
                    rule.vendor().id() + " · " + String.join(", ", rule.techniques()),
                    Urls.rule(rule.vendor().id(), rule.id())));
        }
        for (Map.Entry<String, List<Use>> field : new TreeMap<>(usesByField).entrySet()) {
            entries.add(new Entry("field", field.getKey().toLowerCase(Locale.ROOT), field.getKey(),
                    field.getValue().size() + (field.getValue().size() == 1 ? " test" : " tests"),
                    Urls.field(field.getKey())));
        }
        // Values the most rules test come first, so a search's first results are the common ones.
        List<Map.Entry<IndicatorKey, List<Rule>>> values = new ArrayList<>(rulesByIndicator.entrySet());
        values.sort(Comparator.comparing((Map.Entry<IndicatorKey, List<Rule>> value) -> -value.getValue().size())
                .thenComparing(Map.Entry::getKey));
        values.forEach(value -> addValueEntry(value.getKey(), value.getValue().size()));
    }

    /** Adds a value, matched and labelled in its display form (a wildcard value without escapes). */
    private void addValueEntry(IndicatorKey key, int count) {
        String shown = ValueDisplay.plain(key.operator().id(), key.value());
        entries.add(new Entry("value", shown.toLowerCase(Locale.ROOT),
                (key.field() == null ? "(any field)" : key.field()) + " " + key.operator().id() + " " + shown,
                count + (count == 1 ? " rule" : " rules"),
                Urls.indicator(key.field(), key.operator().id(), key.value())));
    }

    public CatalogIndex catalogIndex() {
        return index;
    }

    List<Use> uses(String field) {
        return usesByField.getOrDefault(field, List.of());
    }

    /** Returns every rule, active or not, holding the test anywhere in its tree, in catalog order. */
    public List<Rule> rulesWith(IndicatorKey key) {
        return rulesByIndicator.getOrDefault(key, List.of());
    }

    /** Returns every rule mapped to the event, active or not. */
    public List<Rule> rulesReading(EventKey event) {
        return rulesByEvent.getOrDefault(event, List.of());
    }

    Map<EventKey, List<Rule>> rulesByEvent() {
        return rulesByEvent;
    }

    /**
     * Returns the entries whose text contains every word of the query, grouped by kind in the order
     * technique, rule, field, value, at most {@code limit} per kind and ten times as many rules, so
     * that a common word still reaches the rules of every vendor (they are listed vendor by vendor).
     */
    public Map<String, List<Entry>> search(String query, int limit) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (String kind : List.of("technique", "rule", "field", "value")) {
            groups.put(kind, new ArrayList<>());
        }
        List<String> words = words(query);
        if (words.isEmpty()) {
            return groups;
        }
        for (Entry entry : entries) {
            if (matches(entry.text(), words)) {
                List<Entry> group = groups.get(entry.kind());
                int max = entry.kind().equals("rule") ? limit * 10 : limit;
                if (group.size() < max) {
                    group.add(entry);
                }
            }
        }
        return groups;
    }

    /** Returns how many entries of each kind match the query, without a limit. */
    public Map<String, Integer> searchCounts(String query) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String kind : List.of("technique", "rule", "field", "value")) {
            counts.put(kind, 0);
        }
        List<String> words = words(query);
        if (words.isEmpty()) {
            return counts;
        }
        for (Entry entry : entries) {
            if (matches(entry.text(), words)) {
                counts.merge(entry.kind(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Returns the active rules matching the query's words in their id, title, description or technique ids. */
    public List<Rule> searchRules(String query) {
        List<String> words = words(query);
        List<Rule> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        for (Rule rule : index.catalog().rules()) {
            String text = (rule.id() + " " + rule.title() + " " + rule.description() + " "
                    + String.join(" ", rule.techniques())).toLowerCase(Locale.ROOT);
            if (rule.active() && matches(text, words)) {
                out.add(rule);
            }
        }
        return out;
    }

    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        if (query == null) {
            return words;
        }
        // Long queries only cost time: 200 characters hold any id, title or value a person types.
        String bounded = query.length() > 200 ? query.substring(0, 200) : query;
        for (String word : bounded.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean matches(String text, List<String> words) {
        for (String word : words) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Returns up to {@code limit} technique ids closest to the text, for a not-found page. */
    public List<Technique> nearestTechniques(String text, int limit) {
        String requested = bound(text).toUpperCase(Locale.ROOT);
        return index.catalog().techniques().values().stream()
                .filter(technique -> technique.known() && !technique.revoked())
                .map(technique -> Map.entry(technique, Names.editDistance(requested, technique.id())))
                .filter(entry -> entry.getValue() <= 2)
                .sorted(Map.Entry.<Technique, Integer>comparingByValue()
                        .thenComparing(entry -> entry.getKey().id()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** Returns up to {@code limit} rules whose id or title is closest to the text. */
    public List<Rule> nearestRules(String text, int limit) {
        String requested = bound(text).toLowerCase(Locale.ROOT);
        if (requested.isEmpty()) {
            return List.of();
        }
        return index.catalog().rules().stream()
                .map(rule -> Map.entry(rule, Math.min(Names.editDistance(requested, bound(rule.id()).toLowerCase(Locale.ROOT)),
                        rule.title().toLowerCase(Locale.ROOT).contains(requested) ? 0 : Integer.MAX_VALUE)))
                .filter(entry -> entry.getValue() <= Math.max(2, requested.length() / 4))
                .sorted(Map.Entry.<Rule, Integer>comparingByValue().thenComparing(entry -> entry.getKey().id()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private static String bound(String text) {
        return text.length() > 80 ? text.substring(0, 80) : text;
    }


    /**
     * Returns an empty set of rules compared by identity: a rule's record hash walks its whole
     * predicate tree, which made pages over thousands of rules take seconds.
     */
    static Set<Rule> ruleSet() {
        return java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    static Comparator<Rule> byVendorAndTitle() {
        return Comparator.comparing(Rule::vendor).thenComparing(rule -> rule.title().toLowerCase(Locale.ROOT))
                .thenComparing(Rule::id);
    }
}
