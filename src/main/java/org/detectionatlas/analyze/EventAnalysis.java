package org.detectionatlas.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.normalize.FieldDictionary;

/** Builds event reports and the list of rules that map to no catalog event. */
final class EventAnalysis {
    private static final String WINLOG_EVENT_DATA = "winlog.event_data.";

    private final Catalog catalog;
    private final FieldDictionary dictionary;
    private final Map<EventKey, List<Rule>> activeByEvent = new HashMap<>();

    EventAnalysis(Catalog catalog, FieldDictionary dictionary) {
        this.catalog = catalog;
        this.dictionary = dictionary;
        for (Rule rule : catalog.rules()) {
            if (rule.active()) {
                for (EventKey key : new LinkedHashSet<>(rule.events())) {
                    activeByEvent.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
                }
            }
        }
    }

    /** Returns the event report, or empty when neither the catalog nor any rule names the event. */
    Optional<EventReport> event(EventKey key) {
        Optional<CatalogEvent> event = catalog.event(key);
        List<Rule> rules = activeByEvent.getOrDefault(key, List.of());
        if (event.isEmpty() && rules.isEmpty()) {
            return Optional.empty();
        }
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::vendor).thenComparing(rule -> rule.title().toLowerCase(Locale.ROOT))
                .thenComparing(Rule::id));

        List<CatalogEvent.EventField> eventFields = event.map(CatalogEvent::fields).orElse(List.of());
        Map<String, String> eventFieldByCanonical = new HashMap<>();
        for (CatalogEvent.EventField field : eventFields) {
            eventFieldByCanonical.putIfAbsent(canonicalOf(field.name()), field.name());
            eventFieldByCanonical.putIfAbsent(field.name(), field.name());
        }

        Map<String, Set<Rule>> rulesByField = new HashMap<>();
        Map<String, Set<String>> spellings = new HashMap<>();
        Map<String, String> matchedEventField = new HashMap<>();
        for (Rule rule : sorted) {
            if (rule.tree() == null) {
                continue;
            }
            for (Predicate predicate : TreeWalk.predicates(rule.tree())) {
                if (predicate.field() == null) {
                    continue;
                }
                rulesByField.computeIfAbsent(predicate.field(), k -> new LinkedHashSet<>()).add(rule);
                if (predicate.vendorField() != null) {
                    spellings.computeIfAbsent(predicate.field(), k -> new LinkedHashSet<>()).add(predicate.vendorField());
                }
                String eventField = matchEventField(predicate, eventFieldByCanonical);
                if (eventField != null) {
                    matchedEventField.putIfAbsent(predicate.field(), eventField);
                }
            }
        }

        Map<String, Integer> rulesPerEventField = new HashMap<>();
        List<EventReport.FilteredField> filtered = new ArrayList<>();
        rulesByField.forEach((field, fieldRules) -> {
            String eventField = matchedEventField.get(field);
            if (eventField != null) {
                rulesPerEventField.merge(eventField, fieldRules.size(), Math::max);
            }
            filtered.add(new EventReport.FilteredField(field, List.copyOf(spellings.getOrDefault(field, Set.of())),
                    fieldRules.size(), eventField));
        });
        filtered.sort(Comparator.comparingInt(EventReport.FilteredField::rules).reversed()
                .thenComparing(EventReport.FilteredField::field));

        List<EventReport.FieldView> fields = eventFields.stream()
                .map(field -> new EventReport.FieldView(field.name(), field.type(), field.description(),
                        rulesPerEventField.getOrDefault(field.name(), 0)))
                .toList();

        Map<String, Integer> techniqueCounts = new TreeMap<>();
        for (Rule rule : sorted) {
            for (String id : new LinkedHashSet<>(rule.techniques())) {
                techniqueCounts.merge(id, 1, Integer::sum);
            }
        }
        List<EventReport.TechniqueUse> techniques = new ArrayList<>();
        techniqueCounts.forEach((id, count) -> techniques.add(new EventReport.TechniqueUse(id,
                catalog.technique(id).map(Technique::name).orElse(""), count)));
        techniques.sort(Comparator.comparingInt(EventReport.TechniqueUse::rules).reversed()
                .thenComparing(EventReport.TechniqueUse::id));

        String shortProvider = event.map(CatalogEvent::shortProvider).orElse(key.provider());
        return Optional.of(new EventReport(key.provider(), shortProvider, key.eventId(),
                event.map(CatalogEvent::title).orElse(""), event.map(CatalogEvent::description).orElse(""),
                event.map(CatalogEvent::platform).orElse(""), event.map(CatalogEvent::version).orElse(""),
                event.map(CatalogEvent::source).orElse(""), event.isPresent(), fields, techniques,
                sorted.stream().map(RuleRef::of).toList(), filtered));
    }

    /**
     * Returns the canonical field of an event field name. Dictionaries use the Windows event field
     * names, which are the Sigma spellings; a name the field dictionary lacks becomes the
     * winlog.event_data.* name the Elastic Windows integration writes.
     */
    private String canonicalOf(String eventField) {
        return dictionary.canonical(Vendor.SIGMA, eventField, Set.of()).orElse(WINLOG_EVENT_DATA + eventField);
    }

    private static String matchEventField(Predicate predicate, Map<String, String> eventFieldByCanonical) {
        String byCanonical = eventFieldByCanonical.get(predicate.field());
        if (byCanonical != null) {
            return byCanonical;
        }
        String vendorField = predicate.vendorField();
        if (vendorField == null) {
            return null;
        }
        int dot = vendorField.lastIndexOf('.');
        return eventFieldByCanonical.get(dot < 0 ? vendorField : vendorField.substring(dot + 1));
    }

    /** Returns the active rules that map to no catalog event, with the reason. */
    RulesWithoutEvents rulesWithoutEvents() {
        List<RulesWithoutEvents.Entry> entries = new ArrayList<>();
        for (Rule rule : catalog.rules()) {
            if (rule.active() && rule.events().isEmpty()) {
                String[] reason = reason(rule);
                entries.add(new RulesWithoutEvents.Entry(RuleRef.of(rule), rule.file(), reason[0], reason[1]));
            }
        }
        entries.sort(Comparator.comparing((RulesWithoutEvents.Entry entry) -> entry.rule().vendor())
                .thenComparing(entry -> entry.rule().title().toLowerCase(Locale.ROOT)));
        Map<String, Integer> counts = new HashMap<>();
        entries.forEach(entry -> counts.merge(entry.reason(), 1, Integer::sum));
        Map<String, Integer> byReason = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> byReason.put(entry.getKey(), entry.getValue()));
        return new RulesWithoutEvents(entries.size(), byReason, entries);
    }

    /** Returns the short reason and the detail for a rule that maps to no catalog event. */
    static String[] reason(Rule rule) {
        Map<String, List<String>> logsource = rule.logsource();
        if (rule.vendor() == Vendor.SIGMA) {
            for (Diagnostic diagnostic : rule.diagnostics()) {
                if (diagnostic.code().equals("no-catalog-event")) {
                    return new String[] {"sigma: Windows logsource without a catalog event", diagnostic.message()};
                }
            }
            String product = String.join(",", logsource.getOrDefault("product", List.of()));
            return new String[] {"sigma: product " + (product.isEmpty() ? "(none)" : product)
                    + " has no event dictionary mapping", "logsource " + new TreeMap<>(logsource)};
        }
        if (rule.vendor() == Vendor.ELASTIC) {
            List<String> indexes = logsource.getOrDefault("index", List.of());
            if (indexes.isEmpty()) {
                return new String[] {"elastic: no index pattern and no known event code or data set",
                        "language " + rule.language()};
            }
            return new String[] {"elastic: index patterns without a catalog event",
                    "index " + String.join(", ", indexes)};
        }
        List<String> sources = logsource.getOrDefault("data_source", List.of());
        if (sources.isEmpty()) {
            return new String[] {"splunk: no data source", "the detection names no data_source"};
        }
        return new String[] {"splunk: data sources without a catalog event",
                "data_source " + String.join(", ", sources)};
    }
}
