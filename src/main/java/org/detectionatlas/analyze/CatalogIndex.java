package org.detectionatlas.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.normalize.FieldDictionary;
import org.detectionatlas.normalize.KnownEventTitles;
import org.detectionatlas.sources.attack.DetectionStrategy;

/**
 * Indexes over a built catalog, and the analyses the views show: technique reports, rule
 * reports and corpus statistics. Statistics use active rules only.
 */
public final class CatalogIndex {
    /** Indicators listed on a technique page. */
    static final int MAX_INDICATORS = 40;
    /** Exclusions listed on a technique page. */
    static final int MAX_EXCLUSIONS = 25;
    /** Sample values shown per field. */
    static final int MAX_SAMPLES = 6;

    private static final KnownEventTitles KNOWN_TITLES = KnownEventTitles.loadDefault();

    private final Catalog catalog;
    private final Map<String, List<Rule>> activeByTechnique = new HashMap<>();
    private final Map<String, List<Rule>> inactiveByTechnique = new HashMap<>();
    private final Map<String, Set<String>> replacedIds = new HashMap<>();
    private final Map<String, List<Rule>> activeByReplacement = new HashMap<>();
    private final Map<String, List<String>> subtechniques = new HashMap<>();
    /** Built on first use, since it walks every predicate of every active rule. */
    private final Lazy<Map<IndicatorKey, Integer>> reach = new Lazy<>(this::computeReach);
    private final Map<String, TechniqueReport> reports = new ConcurrentHashMap<>();
    private final Lazy<CatalogStats> stats = new Lazy<>(this::computeStats);
    private final Lazy<Map<String, Map<String, Integer>>> coverageWithSubtechniques =
            new Lazy<>(this::computeCoverageWithSubtechniques);
    private final Set<String> canonicalFields;
    private final Lazy<FieldCoverage> fieldCoverage;
    private final EventAnalysis eventAnalysis;
    private final Lazy<RulesWithoutEvents> rulesWithoutEvents;

    /** Indexes the catalog with the field dictionary shipped with the product. */
    public CatalogIndex(Catalog catalog) {
        this(catalog, FieldDictionary.loadDefault());
    }

    /** Indexes the catalog, counting as mapped the canonical fields of {@code dictionary}. */
    public CatalogIndex(Catalog catalog, FieldDictionary dictionary) {
        this.catalog = catalog;
        this.canonicalFields = Set.copyOf(dictionary.canonicalFields());
        this.eventAnalysis = new EventAnalysis(catalog, dictionary);
        this.fieldCoverage = new Lazy<>(() -> FieldCoverage.of(catalog.rules(), canonicalFields));
        this.rulesWithoutEvents = new Lazy<>(eventAnalysis::rulesWithoutEvents);
        for (Rule rule : catalog.rules()) {
            Map<String, List<Rule>> target = rule.active() ? activeByTechnique : inactiveByTechnique;
            for (String id : rule.techniques()) {
                target.computeIfAbsent(id, key -> new ArrayList<>()).add(rule);
                // A rule tagged with a revoked id is listed on the page of the technique that
                // replaced it, apart from the rules counted there, which name the id themselves.
                String replacement = catalog.replacementOf(id);
                if (rule.active() && !replacement.equals(id) && !rule.techniques().contains(replacement)) {
                    List<Rule> replacing = activeByReplacement.computeIfAbsent(replacement, key -> new ArrayList<>());
                    if (!replacing.contains(rule)) {
                        replacing.add(rule);
                    }
                    replacedIds.computeIfAbsent(replacement, key -> new java.util.TreeSet<>()).add(id);
                }
            }
        }
        for (Technique technique : catalog.techniques().values()) {
            if (technique.parentId() != null) {
                subtechniques.computeIfAbsent(technique.parentId(), key -> new ArrayList<>()).add(technique.id());
            }
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Returns the active rules whose own tags name exactly this technique id. */
    public List<Rule> activeRules(String techniqueId) {
        return activeByTechnique.getOrDefault(techniqueId, List.of());
    }

    /** Returns how many active rules of the whole catalog hold this indicator. */
    public int corpusReach(IndicatorKey key) {
        return reach.get().getOrDefault(key, 0);
    }

    /**
     * Builds now the parts that are otherwise built on first use, so that a server can prepare
     * them in the background instead of making its first technique page wait.
     */
    public void prepare() {
        // The home page needs the statistics, which need the field coverage: computing that here
        // lets a first request count the rules per vendor on the other core meanwhile.
        fieldCoverage.get();
        stats.get();
        reach.get();
    }

    private Map<IndicatorKey, Integer> computeReach() {
        Map<IndicatorKey, Integer> counts = new HashMap<>();
        for (Rule rule : catalog.rules()) {
            if (rule.active() && rule.tree() != null) {
                for (IndicatorKey key : distinctKeys(TreeWalk.indicators(rule.tree()))) {
                    counts.merge(key, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Returns the technique report, or empty when neither ATT&amp;CK nor any rule names the id. */
    public Optional<TechniqueReport> technique(String id) {
        return technique(id, false);
    }

    /**
     * Returns the technique report, with the rules of its sub-techniques when
     * {@code includeSubtechniques} is set, or empty when neither ATT&amp;CK nor any rule names
     * the id.
     */
    public Optional<TechniqueReport> technique(String id, boolean includeSubtechniques) {
        String normalized = id.toUpperCase(Locale.ROOT);
        Optional<Technique> technique = catalog.technique(normalized);
        String cacheKey = includeSubtechniques ? normalized + "+sub" : normalized;
        return technique.map(found -> reports.computeIfAbsent(cacheKey,
                key -> buildTechniqueReport(found, includeSubtechniques)));
    }

    private TechniqueReport buildTechniqueReport(Technique technique, boolean includeSubtechniques) {
        List<String> ids = new ArrayList<>();
        ids.add(technique.id());
        if (includeSubtechniques) {
            ids.addAll(subtechniques.getOrDefault(technique.id(), List.of()));
        }
        Set<Rule> activeSet = new LinkedHashSet<>();
        Set<Rule> inactiveSet = new LinkedHashSet<>();
        for (String id : ids) {
            activeSet.addAll(activeRules(id));
            inactiveSet.addAll(inactiveByTechnique.getOrDefault(id, List.of()));
        }
        List<Rule> rules = sortedRules(new ArrayList<>(activeSet));
        List<Rule> inactive = sortedRules(new ArrayList<>(inactiveSet));
        String replacement = catalog.replacementOf(technique.id());
        String replacedBy = replacement.equals(technique.id()) ? null : replacement;
        List<DetectionStrategy> strategies = catalog.detectionStrategies(technique.id());
        List<TechniqueReport.EventUse> eventUses = eventUses(rules);

        Map<String, Integer> byVendor = new LinkedHashMap<>();
        for (Vendor vendor : Vendor.values()) {
            byVendor.put(vendor.id(), 0);
        }
        rules.forEach(rule -> byVendor.merge(rule.vendor().id(), 1, Integer::sum));

        return new TechniqueReport(technique.id(), technique.name(), technique.description(), technique.known(),
                technique.revoked(), technique.deprecated(), catalog.attackVersion(), technique.tactics(),
                technique.parentId(), subtechniques.getOrDefault(technique.id(), List.of()), technique.url(),
                byVendor, eventUses, fieldUses(rules), indicatorUses(rules), exclusionUses(rules),
                rules.stream().map(RuleRef::of).toList(), inactive.stream().map(RuleRef::of).toList(), replacedBy,
                List.copyOf(replacedIds.getOrDefault(technique.id(), Set.of())), includeSubtechniques, strategies,
                analyticEvents(strategies, eventUses),
                sortedRules(activeByReplacement.getOrDefault(technique.id(), List.of())).stream().map(RuleRef::of)
                        .toList());
    }

    private List<TechniqueReport.AnalyticEvent> analyticEvents(List<DetectionStrategy> strategies,
            List<TechniqueReport.EventUse> ruleEvents) {
        Set<EventKey> read = new HashSet<>();
        ruleEvents.forEach(use -> read.add(new EventKey(use.provider(), use.eventId())));
        Map<EventKey, Set<String>> analyticsByEvent = new TreeMap<>();
        for (DetectionStrategy strategy : strategies) {
            for (DetectionStrategy.Analytic analytic : strategy.analytics()) {
                for (DetectionStrategy.LogSource source : analytic.logSources()) {
                    for (EventKey key : source.events()) {
                        analyticsByEvent.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(analytic.id());
                    }
                }
            }
        }
        List<TechniqueReport.AnalyticEvent> out = new ArrayList<>();
        analyticsByEvent.forEach((key, analytics) -> {
            TechniqueReport.EventUse use = eventUse(key, 0);
            out.add(new TechniqueReport.AnalyticEvent(key.provider(), use.shortProvider(), key.eventId(), use.title(),
                    use.inCatalog(), read.contains(key), List.copyOf(analytics)));
        });
        return out;
    }

    private static List<Rule> sortedRules(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::vendor).thenComparing(rule -> rule.title().toLowerCase(Locale.ROOT))
                .thenComparing(Rule::id));
        return sorted;
    }

    /** Returns the events read by the given rules, most used first, with their catalog titles. */
    public List<TechniqueReport.EventUse> eventUses(List<Rule> rules) {
        Map<EventKey, Integer> counts = new TreeMap<>();
        for (Rule rule : rules) {
            for (EventKey key : new LinkedHashSet<>(rule.events())) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        List<TechniqueReport.EventUse> out = new ArrayList<>();
        counts.forEach((key, count) -> out.add(eventUse(key, count)));
        out.sort(Comparator.comparingInt(TechniqueReport.EventUse::rules).reversed());
        return out;
    }

    /** Returns the event's title: the catalog's, else a well-known one, else "". */
    public String eventTitle(EventKey key) {
        return KNOWN_TITLES.better(key, catalog.event(key).map(CatalogEvent::title).orElse(""));
    }

    TechniqueReport.EventUse eventUse(EventKey key, int rules) {
        Optional<CatalogEvent> event = catalog.event(key);
        String shortProvider = event.map(CatalogEvent::shortProvider).orElse(shortProviderName(key.provider()));
        return new TechniqueReport.EventUse(key.provider(), shortProvider, key.eventId(),
                KNOWN_TITLES.better(key, event.map(CatalogEvent::title).orElse("")), rules, event.isPresent());
    }

    private static String shortProviderName(String provider) {
        return provider.startsWith("Microsoft-Windows-") ? provider.substring("Microsoft-Windows-".length()) : provider;
    }

    private static List<TechniqueReport.FieldUse> fieldUses(List<Rule> rules) {
        Map<String, Set<Rule>> rulesByField = new HashMap<>();
        Map<String, Map<String, Integer>> operators = new HashMap<>();
        Map<String, Map<String, Integer>> valueCounts = new HashMap<>();
        Map<String, Map<String, Predicate>> firstByValue = new HashMap<>();
        Map<String, Set<String>> vendorFields = new HashMap<>();
        for (Rule rule : rules) {
            if (rule.tree() == null) {
                continue;
            }
            for (Predicate predicate : TreeWalk.predicates(rule.tree())) {
                if (predicate.field() == null) {
                    continue;
                }
                String field = predicate.field();
                rulesByField.computeIfAbsent(field, key -> new HashSet<>()).add(rule);
                operators.computeIfAbsent(field, key -> new TreeMap<>()).merge(predicate.operator().id(), 1,
                        Integer::sum);
                String folded = IndicatorKey.of(predicate).value();
                valueCounts.computeIfAbsent(field, key -> new HashMap<>()).merge(folded, 1, Integer::sum);
                firstByValue.computeIfAbsent(field, key -> new HashMap<>()).putIfAbsent(folded, predicate);
                if (predicate.vendorField() != null) {
                    vendorFields.computeIfAbsent(field, key -> new LinkedHashSet<>()).add(predicate.vendorField());
                }
            }
        }
        List<TechniqueReport.FieldUse> out = new ArrayList<>();
        for (Map.Entry<String, Set<Rule>> entry : rulesByField.entrySet()) {
            String field = entry.getKey();
            Map<String, Predicate> first = firstByValue.get(field);
            List<Predicate> samples = valueCounts.get(field).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_SAMPLES).map(sample -> first.get(sample.getKey())).toList();
            out.add(new TechniqueReport.FieldUse(field, entry.getValue().size(), operators.get(field),
                    samples.stream().map(Predicate::value).toList(),
                    samples.stream().map(sample -> sample.operator().id()).toList(),
                    List.copyOf(vendorFields.getOrDefault(field, Set.of()))));
        }
        out.sort(Comparator.comparingInt(TechniqueReport.FieldUse::rules).reversed()
                .thenComparing(TechniqueReport.FieldUse::field));
        return out;
    }

    private List<TechniqueReport.IndicatorUse> indicatorUses(List<Rule> rules) {
        KeyCounts counts = KeyCounts.of(rules, TreeWalk::indicators);
        return counts.rules().entrySet().stream()
                .sorted(Map.Entry.<IndicatorKey, Integer>comparingByValue().reversed()
                        .thenComparing(entry -> corpusReach(entry.getKey()))
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_INDICATORS)
                .map(entry -> {
                    IndicatorKey key = entry.getKey();
                    int corpusReach = corpusReach(key);
                    return new TechniqueReport.IndicatorUse(key.field(), key.operator().id(), counts.spelling(key),
                            entry.getValue(), corpusReach, corpusReach <= entry.getValue());
                })
                .toList();
    }

    private static List<TechniqueReport.ExclusionUse> exclusionUses(List<Rule> rules) {
        KeyCounts counts = KeyCounts.of(rules, TreeWalk::exclusions);
        return counts.rules().entrySet().stream()
                .sorted(Map.Entry.<IndicatorKey, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_EXCLUSIONS)
                .map(entry -> new TechniqueReport.ExclusionUse(entry.getKey().field(), entry.getKey().operator().id(),
                        counts.spelling(entry.getKey()), entry.getValue()))
                .toList();
    }

    /**
     * For each (field, operator, value) that some rules hold in one role, the number of rules
     * holding it and the spelling of its first occurrence.
     */
    private record KeyCounts(Map<IndicatorKey, Integer> rules, Map<IndicatorKey, String> spellings) {
        static KeyCounts of(List<Rule> rules, Function<Node, List<Predicate>> role) {
            KeyCounts counts = new KeyCounts(new HashMap<>(), new HashMap<>());
            for (Rule rule : rules) {
                if (rule.tree() == null) {
                    continue;
                }
                List<Predicate> predicates = role.apply(rule.tree());
                for (Predicate predicate : predicates) {
                    counts.spellings.putIfAbsent(IndicatorKey.of(predicate), predicate.value());
                }
                for (IndicatorKey key : distinctKeys(predicates)) {
                    counts.rules.merge(key, 1, Integer::sum);
                }
            }
            return counts;
        }

        String spelling(IndicatorKey key) {
            return spellings.get(key);
        }
    }

    private static Set<IndicatorKey> distinctKeys(List<Predicate> predicates) {
        Set<IndicatorKey> keys = new HashSet<>();
        predicates.forEach(predicate -> keys.add(IndicatorKey.of(predicate)));
        return keys;
    }

    /** Returns the rule report, or empty when the vendor has no rule with that id. */
    public Optional<RuleReport> rule(Vendor vendor, String id) {
        return catalog.rule(vendor, id).map(this::ruleReport);
    }

    private RuleReport ruleReport(Rule rule) {
        List<RuleReport.TechniqueRef> techniques = rule.techniques().stream().map(id -> {
            Optional<Technique> technique = catalog.technique(id);
            return new RuleReport.TechniqueRef(id, technique.map(Technique::name).orElse(""),
                    technique.map(Technique::known).orElse(false));
        }).toList();
        List<TechniqueReport.EventUse> events = rule.events().stream().map(key -> eventUse(key, 1)).toList();
        List<RuleReport.PredicateView> indicators = rule.tree() == null ? List.of()
                : TreeWalk.indicators(rule.tree()).stream().map(this::predicateView).toList();
        List<RuleReport.PredicateView> exclusions = rule.tree() == null ? List.of()
                : TreeWalk.exclusions(rule.tree()).stream().map(this::predicateView).toList();
        return new RuleReport(rule.vendor().id(), rule.id(), rule.title(), rule.description(), rule.file(),
                rule.properties().getOrDefault("url", ""), rule.collection(), rule.active(), rule.status(),
                rule.level(), rule.ruleType(), rule.language(), rule.parseStatus().name().toLowerCase(Locale.ROOT),
                techniques, rule.tactics(), rule.tags(), new TreeMap<>(rule.logsource()), events, rule.query(),
                TreeJson.toJson(rule.tree()),
                rule.tree() == null ? "" : TreeNotation.render(rule.tree(), TreeNotation.Fields.CANONICAL),
                rule.tree() == null ? "" : TreeNotation.render(rule.tree(), TreeNotation.Fields.VENDOR),
                indicators, exclusions, new TreeMap<>(rule.properties()), rule.diagnostics());
    }

    private RuleReport.PredicateView predicateView(Predicate predicate) {
        return new RuleReport.PredicateView(predicate.field(), predicate.vendorField(), predicate.operator().id(),
                predicate.value(), predicate.caseSensitive(), predicate.original(), knownOrNull(predicate.span().line()),
                knownOrNull(predicate.span().start()), knownOrNull(predicate.span().end()),
                corpusReach(IndicatorKey.of(predicate)),
                predicate.vendorOperator().id(), predicate.vendorValue());
    }

    /** Returns a line or offset, or null when the reader could not tell it (-1), so JSON leaves it out. */
    private static Integer knownOrNull(int position) {
        return position < 0 ? null : position;
    }

    /**
     * Returns, per technique with active rules on it or its sub-techniques, the distinct active
     * rules tagged with the technique or any sub-technique, counted per vendor. A rule tagged
     * with both T1059 and T1059.001 counts once for T1059.
     */
    public Map<String, Map<String, Integer>> coverageWithSubtechniques() {
        return coverageWithSubtechniques.get();
    }

    private Map<String, Map<String, Integer>> computeCoverageWithSubtechniques() {
        Map<String, Set<Rule>> rulesByParent = new TreeMap<>();
        activeByTechnique.forEach((id, rules) -> {
            int dot = id.indexOf('.');
            // Rule equality compares whole trees, so the sets compare rules by identity.
            rulesByParent.computeIfAbsent(dot < 0 ? id : id.substring(0, dot),
                    key -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())).addAll(rules);
        });
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        rulesByParent.forEach((id, rules) -> out.put(id, countByVendor(rules)));
        return out;
    }

    private static Map<String, Integer> countByVendor(java.util.Collection<Rule> rules) {
        Map<String, Integer> byVendor = new LinkedHashMap<>();
        for (Vendor vendor : Vendor.values()) {
            byVendor.put(vendor.id(), 0);
        }
        rules.forEach(rule -> byVendor.merge(rule.vendor().id(), 1, Integer::sum));
        return byVendor;
    }

    /** Returns every technique with at least one active rule, with the rule count per vendor. */
    public Map<String, Map<String, Integer>> coverage() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        activeByTechnique.forEach((id, rules) -> out.put(id, countByVendor(rules)));
        return out;
    }

    /** Returns the share of mapped field tests and the unmapped vendor fields of the active rules. */
    public FieldCoverage fieldCoverage() {
        return fieldCoverage.get();
    }

    /** Returns the event report, or empty when neither the catalog nor any rule names the event. */
    public Optional<EventReport> event(EventKey key) {
        return eventAnalysis.event(key);
    }

    /** Returns the active rules that map to no catalog event, grouped by reason. */
    public RulesWithoutEvents rulesWithoutEvents() {
        return rulesWithoutEvents.get();
    }

    /** Returns rules, parse results and diagnostics counted per vendor. */
    public CatalogStats stats() {
        return stats.get();
    }

    private CatalogStats computeStats() {
        Map<String, CatalogStats.VendorStats> vendors = new LinkedHashMap<>();
        for (Vendor vendor : Vendor.values()) {
            vendors.put(vendor.id(), vendorStats(vendor));
        }
        Map<String, Integer> catalogDiagnostics = new TreeMap<>();
        catalog.catalogDiagnostics().forEach(d -> catalogDiagnostics.merge(d.code(), 1, Integer::sum));
        long unknown = catalog.techniques().values().stream().filter(t -> !t.known()).count();
        long current = catalog.techniques().values().stream().filter(CatalogIndex::current).count();
        long currentWithRules = activeByTechnique.keySet().stream()
                .filter(id -> catalog.technique(id).filter(CatalogIndex::current).isPresent()).count();
        return new CatalogStats(catalog.corpusRoot(), catalog.attackVersion(), (int) current,
                (int) currentWithRules, (int) unknown, catalog.eventCount(), vendors, catalogDiagnostics,
                fieldCoverage().share(), catalog.stageMillis());
    }

    /** Returns whether ATT&amp;CK defines the technique and neither revoked nor deprecated it. */
    private static boolean current(Technique technique) {
        return technique.known() && !technique.revoked() && !technique.deprecated();
    }

    private CatalogStats.VendorStats vendorStats(Vendor vendor) {
        int[] all = new int[4];
        int[] active = new int[4];
        Map<String, Integer> codes = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> languages = new TreeMap<>();
        for (Rule rule : catalog.rules()) {
            if (rule.vendor() != vendor) {
                continue;
            }
            count(all, rule);
            if (rule.active()) {
                count(active, rule);
            }
            languages.merge(rule.language().isEmpty() ? "none" : rule.language(), 1, Integer::sum);
            for (Diagnostic diagnostic : rule.diagnostics()) {
                codes.merge(diagnostic.code(), 1, Integer::sum);
                kinds.merge(diagnostic.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        Catalog.SourceSummary source = catalog.sources().get(vendor);
        int files = 0;
        if (source != null) {
            files = source.files();
            for (Diagnostic diagnostic : source.diagnostics()) {
                codes.merge(diagnostic.code(), 1, Integer::sum);
                kinds.merge(diagnostic.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        return new CatalogStats.VendorStats(files, all[0], all[1], all[2], all[3],
                new CatalogStats.Counts(active[0], active[1], active[2], active[3]), codes, kinds, languages);
    }

    private static void count(int[] counts, Rule rule) {
        counts[0]++;
        switch (rule.parseStatus()) {
            case PARSED:
                counts[1]++;
                break;
            case PARTIAL:
                counts[2]++;
                break;
            default:
                counts[3]++;
        }
    }
}
