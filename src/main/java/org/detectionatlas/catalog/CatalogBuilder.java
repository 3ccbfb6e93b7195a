package org.detectionatlas.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.normalize.Normalizer;
import org.detectionatlas.sources.attack.AttackData;
import org.detectionatlas.sources.attack.AttackReader;
import org.detectionatlas.sources.elastic.ElasticReader;
import org.detectionatlas.sources.events.EventCatalogData;
import org.detectionatlas.sources.events.EventCatalogReader;
import org.detectionatlas.sources.sigma.SigmaReader;
import org.detectionatlas.sources.splunk.SplunkReader;
import org.detectionatlas.text.Plurals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Catalog} from a corpus folder: reads every source at once, normalizes every
 * rule, and adds a technique entry for each id that rules name but ATT&amp;CK does not define.
 *
 * <p>A corpus folder contains any of {@code sigma/}, {@code elastic/}, {@code splunk/} (each in the
 * layout of its upstream repository), {@code attack/} (STIX bundles) and {@code events/}
 * (OSSEM-DD). A missing part is reported, not fatal.
 */
public final class CatalogBuilder {
    /** The folders a corpus may contain; at least one must exist. */
    public static final List<String> PARTS = List.of("sigma", "elastic", "splunk", "attack", "events");

    private static final Logger LOG = LoggerFactory.getLogger(CatalogBuilder.class);

    private final Normalizer normalizer;

    public CatalogBuilder(Normalizer normalizer) {
        this.normalizer = normalizer;
    }

    public CatalogBuilder() {
        this(Normalizer.loadDefault());
    }

    /**
     * Builds the catalog, reporting each finished stage to {@code progress}.
     *
     * @throws CorpusNotFoundException when the folder contains none of {@link #PARTS}
     */
    public Catalog build(Path corpusRoot, Consumer<String> progress) {
        Path root = corpusRoot.toAbsolutePath().normalize();
        checkLayout(root);
        Map<String, Long> stageMillis = new LinkedHashMap<>();
        long start = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(5, runnable -> {
            Thread thread = new Thread(runnable, "atlas-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // A missing part is reported once below, as missing-source, so its reader is not asked
            // (it would report the same folder as missing-folder).
            CompletableFuture<AttackData> attack = stage(pool, "attack", stageMillis, progress,
                    () -> Files.isDirectory(root.resolve("attack")) ? new AttackReader().read(root)
                            : new AttackData("", List.of(), List.of(), List.of()),
                    e -> new AttackData("", List.of(), List.of(), List.of(readerFailure("attack", e))));
            CompletableFuture<EventCatalogData> events = stage(pool, "events", stageMillis, progress,
                    () -> Files.isDirectory(root.resolve("events")) ? new EventCatalogReader().read(root)
                            : new EventCatalogData(List.of(), List.of()),
                    e -> new EventCatalogData(List.of(), List.of(readerFailure("events", e))));
            Map<Vendor, CompletableFuture<RuleReadResult>> reads = new EnumMap<>(Vendor.class);
            for (Vendor vendor : Vendor.values()) {
                reads.put(vendor, stage(pool, vendor.id(), stageMillis, progress, () -> readIfPresent(root, vendor),
                        e -> new RuleReadResult(vendor, 0, List.of(), List.of(readerFailure(vendor.id(), e)))));
            }

            List<Rule> rules = new ArrayList<>();
            Map<Vendor, Catalog.SourceSummary> sources = new EnumMap<>(Vendor.class);
            for (Map.Entry<Vendor, CompletableFuture<RuleReadResult>> entry : reads.entrySet()) {
                RuleReadResult result = entry.getValue().join();
                boolean present = Files.isDirectory(root.resolve(entry.getKey().id()));
                sources.put(entry.getKey(), new Catalog.SourceSummary(result.files(), result.diagnostics(), present));
                rules.addAll(result.rules());
            }

            long normalizeStart = System.nanoTime();
            List<Rule> normalized = uniqueIds(rules.parallelStream().map(TechniqueIdCheck::check)
                    .map(OpaqueDiagnostics::addMissing).map(normalizer::normalize).toList());
            stageMillis.put("normalize", (System.nanoTime() - normalizeStart) / 1_000_000);
            progress.accept("normalized " + Plurals.count(normalized.size(), "rule"));

            AttackData attackData = attack.join();
            EventCatalogData eventData = events.join();
            List<Diagnostic> catalogDiagnostics = new ArrayList<>();
            catalogDiagnostics.addAll(attackData.diagnostics());
            catalogDiagnostics.addAll(eventData.diagnostics());
            for (String part : PARTS) {
                if (!Files.isDirectory(root.resolve(part))) {
                    catalogDiagnostics.add(Diagnostic.warning(part + "/", -1, "missing-source",
                            "The corpus has no " + part + "/ folder, so its content is missing from the catalog."));
                }
            }

            Map<EventKey, CatalogEvent> eventsByKey = new TreeMap<>();
            for (CatalogEvent event : eventData.events()) {
                eventsByKey.putIfAbsent(event.key(), event);
            }
            stageMillis.put("total", (System.nanoTime() - start) / 1_000_000);
            Map<String, Technique> techniques = techniques(attackData.techniques(), normalized);
            List<Rule> withTactics = normalized.stream().map(rule -> TacticsFromTechniques.fill(rule, techniques))
                    .toList();
            return new Catalog(root.toString(), attackData.version(), attackData.tactics(),
                    techniques, eventsByKey, withTactics, sources,
                    catalogDiagnostics, stageMillis, eventData.lazy(), replacements(attackData),
                    attackData.detections());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Maps every revoked technique to the technique that replaces it at the end of its revoked-by chain. */
    private static Map<String, String> replacements(AttackData attackData) {
        Map<String, String> out = new TreeMap<>();
        for (String revoked : attackData.revokedBy().keySet()) {
            String replacement = attackData.replacementOf(revoked);
            if (!replacement.equals(revoked)) {
                out.put(revoked, replacement);
            }
        }
        return out;
    }

    private RuleReadResult readIfPresent(Path root, Vendor vendor) {
        if (!Files.isDirectory(root.resolve(vendor.id()))) {
            return new RuleReadResult(vendor, 0, List.of(), List.of());
        }
        switch (vendor) {
            case SIGMA:
                return new SigmaReader().read(root);
            case ELASTIC:
                return new ElasticReader().read(root);
            default:
                return new SplunkReader().read(root);
        }
    }

    private static <T> CompletableFuture<T> stage(ExecutorService pool, String name, Map<String, Long> stageMillis,
            Consumer<String> progress, Supplier<T> work, Function<RuntimeException, T> onFailure) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                // A reader bug must not take the other sources down with it: the failure becomes a
                // diagnostic on the catalog and the build goes on without that source.
                LOG.error("Reading {} failed; the catalog is built without it", name, e);
                result = onFailure.apply(e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            synchronized (stageMillis) {
                stageMillis.put(name, millis);
            }
            progress.accept("read " + name + " in " + millis + " ms");
            return result;
        }, pool);
    }

    private static void checkLayout(Path root) {
        if (!Files.exists(root)) {
            throw new CorpusNotFoundException("The corpus folder " + root + " does not exist. Pass --corpus DIR, a folder"
                    + " containing any of " + String.join("/, ", PARTS) + "/.");
        }
        if (!Files.isDirectory(root)) {
            throw new CorpusNotFoundException("The corpus path " + root + " is a file, not a folder. Pass --corpus DIR,"
                    + " a folder containing any of " + String.join("/, ", PARTS) + "/.");
        }
        boolean anyPart = PARTS.stream().anyMatch(part -> Files.isDirectory(root.resolve(part)));
        if (!anyPart) {
            throw new CorpusNotFoundException("The folder " + root + " is not a corpus: it contains none of "
                    + String.join("/, ", PARTS) + "/ (each in the layout of its upstream repository).");
        }
    }

    /**
     * Keeps every rule reachable by its id: a second rule with an id already taken by the same
     * vendor gets the suffix {@code ~2}, {@code ~3}... and a diagnostic naming the first file.
     */
    private static List<Rule> uniqueIds(List<Rule> rules) {
        Map<String, Rule> first = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Rule> out = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            String key = Catalog.key(rule.vendor(), rule.id());
            int count = seen.merge(key, 1, Integer::sum);
            if (count == 1) {
                first.put(key, rule);
                out.add(rule);
                continue;
            }
            List<Diagnostic> diagnostics = new ArrayList<>(rule.diagnostics());
            diagnostics.add(Diagnostic.warning(rule.file(), -1, "duplicate-id", "The rule id '" + rule.id()
                    + "' is also used by " + first.get(key).file() + "; this rule is listed as '" + rule.id() + "~"
                    + count + "'."));
            out.add(rule.withId(rule.id() + "~" + count).withDiagnostics(diagnostics));
        }
        return out;
    }

    private static Map<String, Technique> techniques(Collection<Technique> known, List<Rule> rules) {
        Map<String, Technique> byId = new TreeMap<>(CatalogBuilder::compareTechniqueIds);
        for (Technique technique : known) {
            byId.putIfAbsent(technique.id(), technique);
        }
        for (Rule rule : rules) {
            for (String id : rule.techniques()) {
                byId.computeIfAbsent(id, Technique::unknown);
            }
        }
        return byId;
    }

    /** Orders T1055 before T1055.001 before T1055.011 before T1056. */
    static int compareTechniqueIds(String a, String b) {
        return a.compareTo(b);
    }

    private static Diagnostic readerFailure(String part, RuntimeException e) {
        return Diagnostic.invalid(part + "/", -1, "reader-failed", "Reading " + part + "/ failed with " + e
                + "; its content is missing from the catalog. Please report this with the corpus commit.");
    }
}
