package org.detectionatlas.catalog;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.attack.DetectionStrategy;
import org.detectionatlas.sources.events.LazyEventCatalog;

/**
 * Everything read from one corpus after normalization: rules of every vendor, ATT&amp;CK
 * techniques (including ids that rules name but the loaded ATT&amp;CK version lacks) and the
 * event catalog. Immutable once built.
 */
public final class Catalog {

    /**
     * Summary of one rule corpus as read.
     *
     * @param files rule files found
     * @param diagnostics problems concerning the corpus as a whole, not one rule
     * @param present whether the corpus folder exists at all
     */
    public record SourceSummary(int files, List<Diagnostic> diagnostics, boolean present) {
        public SourceSummary {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final String corpusRoot;
    private final String attackVersion;
    private final List<Tactic> tactics;
    private final Map<String, Technique> techniques;
    private final Map<EventKey, CatalogEvent> events;
    private final List<Rule> rules;
    private final Map<String, Rule> rulesByKey;
    private final Map<Vendor, SourceSummary> sources;
    private final List<Diagnostic> catalogDiagnostics;
    private final Map<String, Long> stageMillis;
    private final LazyEventCatalog lazyEvents;
    private final Map<String, String> replacements;
    private final Map<String, List<DetectionStrategy>> detections;

    public Catalog(String corpusRoot, String attackVersion, List<Tactic> tactics, Map<String, Technique> techniques,
            Map<EventKey, CatalogEvent> events, List<Rule> rules, Map<Vendor, SourceSummary> sources,
            List<Diagnostic> catalogDiagnostics, Map<String, Long> stageMillis) {
        this(corpusRoot, attackVersion, tactics, techniques, events, rules, sources, catalogDiagnostics, stageMillis,
                LazyEventCatalog.EMPTY, Map.of(), Map.of());
    }

    /**
     * A catalog whose event catalog also contains {@code lazyEvents}, events parsed on first request,
     * and whose revoked techniques redirect to their replacements. An event in {@code events}
     * wins over a lazy one with the same key.
     *
     * @param replacements for each revoked technique id, the id of the technique that currently
     *     replaces it, revoked-by chains already followed
     * @param detections ATT&amp;CK detection strategies by the id of the technique they detect
     */
    public Catalog(String corpusRoot, String attackVersion, List<Tactic> tactics, Map<String, Technique> techniques,
            Map<EventKey, CatalogEvent> events, List<Rule> rules, Map<Vendor, SourceSummary> sources,
            List<Diagnostic> catalogDiagnostics, Map<String, Long> stageMillis, LazyEventCatalog lazyEvents,
            Map<String, String> replacements, Map<String, List<DetectionStrategy>> detections) {
        this.lazyEvents = lazyEvents;
        this.replacements = Map.copyOf(replacements);
        this.detections = Map.copyOf(detections);
        this.corpusRoot = corpusRoot;
        this.attackVersion = attackVersion;
        this.tactics = List.copyOf(tactics);
        this.techniques = Collections.unmodifiableMap(new LinkedHashMap<>(techniques));
        this.events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
        this.rules = List.copyOf(rules);
        Map<String, Rule> byKey = new LinkedHashMap<>();
        for (Rule rule : rules) {
            byKey.put(key(rule.vendor(), rule.id()), rule);
        }
        this.rulesByKey = Collections.unmodifiableMap(byKey);
        Map<Vendor, SourceSummary> bySource = new EnumMap<>(Vendor.class);
        bySource.putAll(sources);
        this.sources = Collections.unmodifiableMap(bySource);
        this.catalogDiagnostics = List.copyOf(catalogDiagnostics);
        this.stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    }

    static String key(Vendor vendor, String id) {
        return vendor.id() + "/" + id;
    }

    public String corpusRoot() {
        return corpusRoot;
    }

    /** The ATT&amp;CK version of the loaded bundle, such as 18.1, or empty. */
    public String attackVersion() {
        return attackVersion;
    }

    public List<Tactic> tactics() {
        return tactics;
    }

    /** Techniques by id, sorted by id. */
    public Map<String, Technique> techniques() {
        return techniques;
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(id));
    }

    /** Returns the ATT&amp;CK detection strategies that detect the technique, by strategy id. */
    public List<DetectionStrategy> detectionStrategies(String techniqueId) {
        return detections.getOrDefault(techniqueId, List.of());
    }

    /** Revoked technique ids and the technique that replaces each. */
    public Map<String, String> replacements() {
        return replacements;
    }

    /** ATT&amp;CK detection strategies by the id of the technique they detect. */
    public Map<String, List<DetectionStrategy>> detections() {
        return detections;
    }

    /** Returns the events indexed at build time and parsed on first request. */
    public LazyEventCatalog lazyEvents() {
        return lazyEvents;
    }

    /** Returns the technique that replaces a revoked one, or the id itself when it was not revoked. */
    public String replacementOf(String techniqueId) {
        return replacements.getOrDefault(techniqueId, techniqueId);
    }

    /** Events parsed at build time. {@link #event} also finds the events parsed on first request. */
    public Map<EventKey, CatalogEvent> events() {
        return events;
    }

    /** Returns the event, parsing its dictionary on first request when the build only indexed it. */
    public Optional<CatalogEvent> event(EventKey key) {
        CatalogEvent event = events.get(key);
        return event != null ? Optional.of(event) : lazyEvents.event(key);
    }

    /** Returns how many events the catalog holds, parsed or only indexed. */
    public int eventCount() {
        int count = events.size();
        for (EventKey key : lazyEvents.keys()) {
            if (!events.containsKey(key)) {
                count++;
            }
        }
        return count;
    }

    /** Returns every rule read, active or not, in vendor then file order. */
    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(Vendor vendor, String id) {
        return Optional.ofNullable(rulesByKey.get(key(vendor, id)));
    }

    public Map<Vendor, SourceSummary> sources() {
        return sources;
    }

    /** Problems found while reading ATT&amp;CK, the event catalog and the corpus layout. */
    public List<Diagnostic> catalogDiagnostics() {
        return catalogDiagnostics;
    }

    /** Wall-clock milliseconds of each build stage, in the order they ran. */
    public Map<String, Long> stageMillis() {
        return stageMillis;
    }
}
