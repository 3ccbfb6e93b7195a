package org.detectionatlas.sources.splunk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.splunk.SplunkDataSources.DataSource;

/** Turns one detection YAML file into a Rule. One bad file gives a Rule with diagnostics, never an exception. */
final class SplunkDetectionReader {

    static final String UPSTREAM = "https://github.com/splunk/security_content/blob/develop/";

    /** Tag keys copied into Rule.tags as {@code key:value}. The other keys contain long texts or structures. */
    private static final List<String> TAG_KEYS = List.of("analytic_story", "asset_type", "security_domain",
            "mitre_attack_id", "cve", "atomic_guid", "product", "confidence", "impact", "risk_score");

    /**
     * A detection as read.
     *
     * @param rule the rule
     * @param undefinedMacros macros its search calls that the corpus does not define
     */
    record Read(Rule rule, Set<String> undefinedMacros) {}

    private final Path corpusRoot;
    private final SplunkMacros macros;
    private final SplunkDataSources dataSources;
    /** Analytic story names with their files relative to the corpus root. */
    private final Map<String, String> stories;

    SplunkDetectionReader(Path corpusRoot, SplunkMacros macros, SplunkDataSources dataSources,
            Map<String, String> stories) {
        this.corpusRoot = corpusRoot;
        this.macros = macros;
        this.dataSources = dataSources;
        this.stories = Map.copyOf(stories);
    }

    Read read(Path path) {
        String file = SplunkReader.relative(corpusRoot, path);
        String collection = collection(file);
        Map<?, ?> yaml;
        try {
            yaml = SplunkYaml.loadMapping(path);
        } catch (IOException e) {
            return failed(file, collection, Diagnostic.invalid(file, -1, "unreadable-file",
                    "The file could not be read: " + e.getMessage() + "."));
        } catch (SplunkYaml.InvalidYamlException e) {
            return failed(file, collection, Diagnostic.invalid(file, e.line(), "invalid-yaml",
                    "The file is not a valid YAML mapping: " + e.getMessage() + "."));
        }
        try {
            return build(path, file, collection, yaml);
        } catch (StackOverflowError e) {
            return failed(file, collection, Diagnostic.unsupported(file, -1, "too-deep",
                    "The search nests too deeply to be read, so its tree was left out."));
        } catch (RuntimeException e) {
            // A defect in this reader must cost one rule, not the whole corpus.
            return failed(file, collection, Diagnostic.unsupported(file, -1, "reader-failure",
                    "Reading the detection failed with " + e + ". Report it as a reader defect with this file."));
        }
    }

    private Read build(Path path, String file, String collection, Map<?, ?> yaml) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<?, ?> tags = SplunkYaml.mapping(yaml, "tags");
        Map<String, String> properties = new LinkedHashMap<>();
        String search = SplunkYaml.text(yaml, "search");
        int searchLine = searchLine(path);

        Node tree = null;
        Set<String> undefined = Set.of();
        if (search.isBlank()) {
            diagnostics.add(Diagnostic.invalid(file, -1, "missing-search",
                    "The detection has no search where an SPL search was expected."));
        } else {
            SplunkMacros.Expansion expansion = macros.expand(search);
            undefined = expansion.undefined();
            properties.put("expandedSearch", expansion.text());
            for (String call : expansion.tooDeep()) {
                diagnostics.add(Diagnostic.invalid(file, searchLine, "macro-recursion", "The macro call " + call
                        + " was left unexpanded because macros call each other deeper than "
                        + SplunkMacros.MAX_DEPTH + " levels."));
            }
            SplQueryParser.Result parsed = SplQueryParser.parse(expansion.text());
            tree = parsed.tree() == null ? null : atLine(parsed.tree(), searchLine);
            if (!parsed.datamodel().isEmpty()) {
                properties.put("datamodel", parsed.datamodel());
            }
            for (SplQueryParser.Issue issue : parsed.issues()) {
                String message = "At column " + (issue.offset() + 1) + " of the expanded search: " + issue.message();
                diagnostics.add(issue.invalid()
                        ? Diagnostic.invalid(file, searchLine, "invalid-spl", message)
                        : Diagnostic.unsupported(file, searchLine, "unsupported-spl", message));
            }
            for (SplQueryParser.Issue skipped : parsed.skipped()) {
                diagnostics.add(Diagnostic.unsupported(file, searchLine, "unknown-spl-command",
                        "At column " + (skipped.offset() + 1) + " of the expanded search: " + skipped.message()));
            }
        }

        List<String> dataSourceNames = SplunkYaml.texts(yaml, "data_source");
        if (dataSourceNames.isEmpty()) {
            dataSourceNames = SplunkYaml.texts(yaml, "data_sources");
        }
        List<EventKey> events = events(file, dataSourceNames, diagnostics);

        List<String> storyNames = SplunkYaml.texts(tags, "analytic_story");
        List<String> storyLinks = new ArrayList<>();
        for (String story : storyNames) {
            String storyFile = stories.get(story);
            if (storyFile != null) {
                storyLinks.add(story + "\t" + UPSTREAM + storyFile.substring("splunk/".length()));
            } else {
                diagnostics.add(Diagnostic.warning(file, -1, "unknown-story", "The analytic story \"" + story
                        + "\" is not defined under splunk/stories."));
            }
        }
        putIfPresent(properties, "how_to_implement", SplunkYaml.text(yaml, "how_to_implement"));
        putIfPresent(properties, "known_false_positives", SplunkYaml.text(yaml, "known_false_positives"));
        putIfPresent(properties, "references", String.join("\n", SplunkYaml.texts(yaml, "references")));
        putIfPresent(properties, "stories", String.join("\n", storyNames));
        // One line per story defined under splunk/stories: its name, a tab and its upstream address.
        putIfPresent(properties, "storyLinks", String.join("\n", storyLinks));
        putIfPresent(properties, "author", SplunkYaml.text(yaml, "author"));
        putIfPresent(properties, "date", SplunkYaml.text(yaml, "date"));
        putIfPresent(properties, "version", SplunkYaml.text(yaml, "version"));
        putIfPresent(properties, "confidence", SplunkYaml.text(tags, "confidence"));
        putIfPresent(properties, "impact", SplunkYaml.text(tags, "impact"));
        putIfPresent(properties, "risk_score", SplunkYaml.text(tags, "risk_score"));
        putIfPresent(properties, "url", upstreamUrl(file));

        String id = SplunkYaml.text(yaml, "id");
        Rule rule = new Rule(Vendor.SPLUNK, id.isEmpty() ? file : id, SplunkYaml.text(yaml, "name"),
                SplunkYaml.text(yaml, "description"), file, collection, isActive(collection),
                SplunkYaml.text(yaml, "status"), riskLevel(SplunkYaml.text(tags, "risk_score")),
                SplunkYaml.text(yaml, "type"),
                "spl", techniques(tags), List.of(), tagTexts(tags), Map.of("data_source", dataSourceNames), search,
                tree, events, properties, diagnostics);
        return new Read(rule, undefined);
    }

    /**
     * Turns a detection's risk score (0 to 100) into the level words the other corpora use, with the
     * bands of Splunk Enterprise Security's risk severities: up to 20 informational, 40 low, 60
     * medium, 80 high, above critical. The score itself stays in the properties.
     */
    static String riskLevel(String riskScore) {
        int score;
        try {
            score = (int) Math.round(Double.parseDouble(riskScore.trim()));
        } catch (NumberFormatException e) {
            return "";
        }
        if (score <= 20) {
            return "informational";
        }
        if (score <= 40) {
            return "low";
        }
        if (score <= 60) {
            return "medium";
        }
        return score <= 80 ? "high" : "critical";
    }

    private List<EventKey> events(String file, List<String> dataSourceNames, List<Diagnostic> diagnostics) {
        Set<EventKey> events = new LinkedHashSet<>();
        for (String name : splitCombined(dataSourceNames)) {
            Optional<DataSource> dataSource = dataSources.find(name);
            if (dataSource.isEmpty()) {
                Optional<DataSource> sibling = dataSources.sibling(name);
                if (sibling.isPresent()) {
                    List<EventKey> inferred = dataSources.events(name, sibling.get());
                    events.addAll(inferred);
                    diagnostics.add(Diagnostic.warning(file, -1, "inferred-data-source", "The data source \"" + name
                            + "\" is not defined under splunk/data_sources; its log is taken from \""
                            + sibling.get().name() + "\" (" + sibling.get().file() + ")"
                            + (inferred.isEmpty() ? ", which names no Windows event." : " and its events from its name.")));
                    continue;
                }
                diagnostics.add(Diagnostic.warning(file, -1, "unknown-data-source", "The data source \"" + name
                        + "\" is not defined under splunk/data_sources, so its events are not known."));
                continue;
            }
            events.addAll(dataSources.events(name, dataSource.get()));
        }
        return List.copyOf(events);
    }

    /**
     * Places every span of the tree on the line of the {@code search:} key. The offsets stay those
     * of the expanded search, which has no lines of its own in the file.
     */
    static Node atLine(Node node, int line) {
        if (node instanceof Predicate predicate) {
            return new Predicate(predicate.field(), predicate.operator(), predicate.value(), predicate.caseSensitive(),
                    predicate.vendorField(), predicate.original(), withLine(predicate.span(), line));
        }
        if (node instanceof Node.Opaque opaque) {
            return new Node.Opaque(opaque.text(), opaque.reason(), withLine(opaque.span(), line));
        }
        if (node instanceof Node.Not not) {
            return new Node.Not(atLine(not.child(), line));
        }
        if (node instanceof Node.And and) {
            return new Node.And(and.children().stream().map(child -> atLine(child, line)).toList());
        }
        if (node instanceof Node.Or or) {
            return new Node.Or(or.children().stream().map(child -> atLine(child, line)).toList());
        }
        return node;
    }

    private static Span withLine(Span span, int line) {
        return new Span(line, span.column(), span.start(), span.end());
    }

    /** Splits entries such as "Sysmon EventID 1 AND Sysmon EventID 11", which name two data sources. */
    private static List<String> splitCombined(List<String> names) {
        List<String> split = new ArrayList<>();
        for (String name : names) {
            for (String part : name.split(" AND ")) {
                split.add(part.trim());
            }
        }
        return split;
    }

    private static List<String> techniques(Map<?, ?> tags) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : SplunkYaml.texts(tags, "mitre_attack_id")) {
            ids.add(id.trim().toUpperCase(Locale.ROOT));
        }
        return List.copyOf(ids);
    }

    private static List<String> tagTexts(Map<?, ?> tags) {
        List<String> texts = new ArrayList<>();
        for (String key : TAG_KEYS) {
            for (String value : SplunkYaml.texts(tags, key)) {
                texts.add(key + ":" + value);
            }
        }
        return texts;
    }

    private Read failed(String file, String collection, Diagnostic diagnostic) {
        Rule rule = new Rule(Vendor.SPLUNK, file, "", "", file, collection, isActive(collection), "", "", "", "spl",
                List.of(), List.of(), List.of(), Map.of(), "", null, List.of(),
                upstreamUrl(file).isEmpty() ? Map.of() : Map.of("url", upstreamUrl(file)), List.of(diagnostic));
        return new Read(rule, Set.of());
    }

    /** Returns the file's address upstream, or an empty text for a file outside a corpus's splunk/ folder. */
    private static String upstreamUrl(String file) {
        return file.startsWith("splunk/") ? UPSTREAM + file.substring("splunk/".length()) : "";
    }

    /** Returns the folder under detections/, such as endpoint or deprecated. */
    static String collection(String file) {
        String prefix = "splunk/detections/";
        if (!file.startsWith(prefix)) {
            return "";
        }
        int slash = file.indexOf('/', prefix.length());
        return slash < 0 ? "" : file.substring(prefix.length(), slash);
    }

    private static boolean isActive(String collection) {
        return !collection.equals("deprecated");
    }

    /** Returns the 1-based line of the {@code search:} key, or -1. */
    private static int searchLine(Path path) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("search:")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (!value.isBlank()) {
            properties.put(key, value);
        }
    }
}
