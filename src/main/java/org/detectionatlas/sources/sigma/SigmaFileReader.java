package org.detectionatlas.sources.sigma;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.sigma.YamlTree.YList;
import org.detectionatlas.sources.sigma.YamlTree.YMap;
import org.detectionatlas.sources.sigma.YamlTree.YNode;
import org.detectionatlas.sources.sigma.YamlTree.YScalar;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads the rules of one Sigma YAML file. */
final class SigmaFileReader {

    /** Larger files are not read: the largest file of the SigmaHQ corpus has about 300 KB. */
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

    static final String UPSTREAM = "https://github.com/SigmaHQ/sigma/blob/master/";

    static final Set<String> ACTIVE_COLLECTIONS = Set.of("rules", "rules-threat-hunting", "rules-emerging-threats");

    private static final Set<String> DETECTION_KEYWORDS = Set.of("condition", "timeframe");

    private final String file;
    private final String collection;

    /** @param file path relative to the corpus root with forward slashes, starting with sigma/ */
    SigmaFileReader(String file) {
        this.file = file;
        String[] parts = file.split("/");
        this.collection = parts.length > 2 ? parts[1] : "";
    }

    /** Reads every rule of the file; read errors become diagnostics on a rule with a null tree. */
    List<Rule> read(Path path) {
        String content;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                return List.of(failed(Diagnostic.invalid(file, -1, "file-too-large", "File is larger than "
                        + MAX_FILE_BYTES + " bytes; Sigma rules are expected to be small.")));
            }
            content = Files.readString(path);
        } catch (CharacterCodingException e) {
            return List.of(failed(Diagnostic.invalid(file, -1, "invalid-encoding",
                    "File is not valid UTF-8; save it as UTF-8.")));
        } catch (IOException e) {
            return List.of(failed(Diagnostic.invalid(file, -1, "unreadable-file",
                    "File could not be read: " + e.getMessage())));
        }
        return read(content);
    }

    /**
     * Reads every rule of a file's text and returns at least one rule. Exceptions and stack
     * overflows become an INVALID diagnostic on a rule with a null tree.
     */
    List<Rule> read(String content) {
        try {
            return readDocuments(content);
        } catch (MarkedYamlEngineException e) {
            int line = YamlTree.line(e.getProblemMark());
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            return List.of(failed(Diagnostic.invalid(file, line, "invalid-yaml",
                    "YAML could not be read: " + firstLine(problem) + "; fix the YAML syntax.")));
        } catch (YamlEngineException | IllegalArgumentException e) {
            return List.of(failed(Diagnostic.invalid(file, -1, "invalid-yaml",
                    "YAML could not be read: " + firstLine(e.getMessage()) + ".")));
        } catch (StackOverflowError e) {
            return List.of(failed(Diagnostic.invalid(file, -1, "too-deep",
                    "Rule nests too deeply to be read; simplify it.")));
        } catch (RuntimeException e) {
            // A defect in this reader or the YAML library must not lose the file or stop the corpus.
            return List.of(failed(Diagnostic.invalid(file, -1, "reader-error", "Reading failed with "
                    + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ".")));
        }
    }

    private List<Rule> readDocuments(String content) {
        List<YNode> documents = new ArrayList<>(YamlTree.loadAll(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
        documents.removeIf(document -> document instanceof YScalar scalar && scalar.isNull());
        String[] lines = lines(content);
        if (documents.isEmpty()) {
            return List.of(failed(Diagnostic.invalid(file, 1, "empty-file", "File holds no YAML document;"
                    + " expected a Sigma rule.")));
        }
        for (YNode document : documents) {
            if (!(document instanceof YMap)) {
                return List.of(failed(Diagnostic.invalid(file, document.line(), "invalid-rule", "Document at line "
                        + document.line() + " is not a mapping; expected a Sigma rule with title and detection.")));
            }
        }
        boolean usesActions = documents.stream().anyMatch(document -> ((YMap) document).get("action") != null);
        if (!usesActions) {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                YMap document = (YMap) documents.get(i);
                String fallbackId = documents.size() == 1 ? file : file + "#" + (i + 1);
                rules.add(rule(List.of(document), List.of(document), fallbackId, lines, new ArrayList<>()));
            }
            return rules;
        }
        return List.of(actionRule(documents, lines));
    }

    /**
     * Builds the one rule of a file that uses Sigma 1 document actions: {@code global} is merged
     * into every following document, {@code reset} clears it and {@code repeat} starts from the
     * previous merged document.
     */
    private Rule actionRule(List<YNode> documents, String[] lines) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        YNode global = null;
        YNode previous = null;
        List<YMap> parts = new ArrayList<>();
        for (YNode node : documents) {
            YMap document = (YMap) node;
            String action = scalarText(document.get("action"));
            YMap body = without(document, "action");
            if ("global".equals(action)) {
                global = global == null ? body : YamlTree.merge(global, body);
            } else if ("reset".equals(action)) {
                global = null;
            } else if ("repeat".equals(action)) {
                YNode base = previous == null ? global : previous;
                previous = base == null ? body : YamlTree.merge(base, body);
                parts.add((YMap) previous);
            } else {
                if (action != null) {
                    diagnostics.add(Diagnostic.invalid(file, document.line(), "unknown-action", "Unknown action '"
                            + action + "'; expected global, reset or repeat."));
                }
                previous = global == null ? body : YamlTree.merge(global, body);
                parts.add((YMap) previous);
            }
        }
        if (parts.isEmpty() && global != null) {
            parts.add((YMap) global);
        }
        if (parts.size() > 1) {
            diagnostics.add(Diagnostic.warning(file, 1, "multi-document", "File holds " + parts.size()
                    + " Sigma documents under one id; the rule matches when any of them matches."));
        }
        List<YMap> raw = new ArrayList<>();
        for (YNode document : documents) {
            raw.add((YMap) document);
        }
        return rule(parts, raw, file, lines, diagnostics);
    }

    private static YMap without(YMap map, String key) {
        Map<String, YNode> entries = new LinkedHashMap<>(map.entries());
        Map<String, Integer> keyLines = new LinkedHashMap<>(map.keyLines());
        entries.remove(key);
        keyLines.remove(key);
        return new YMap(entries, keyLines, map.line(), map.column(), map.endLine());
    }

    /**
     * Builds one rule.
     *
     * @param parts merged documents whose trees are OR-ed; the first gives the metadata
     * @param raw the documents as written, whose logic sections make up the query text
     */
    private Rule rule(List<YMap> parts, List<YMap> raw, String fallbackId, String[] lines,
            List<Diagnostic> diagnostics) {
        YMap first = parts.get(0);
        String id = scalarText(first.get("id"));
        if (id == null || id.isBlank()) {
            id = fallbackId;
        }
        List<String> tags = texts(first.get("tags"));
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : List.of("name", "author", "date", "modified")) {
            putIfPresent(properties, key, scalarText(first.get(key)));
        }
        putIfPresent(properties, "references", String.join("\n", texts(first.get("references"))));
        putIfPresent(properties, "falsepositives", String.join("\n", texts(first.get("falsepositives"))));
        putIfPresent(properties, "related", related(first.get("related")));
        putIfPresent(properties, "url", upstreamUrl(file));

        String ruleType = "detection";
        String section = "detection";
        if (first.get("correlation") != null) {
            ruleType = "correlation";
            section = "correlation";
        } else if (first.get("filter") != null) {
            ruleType = "filter";
            section = "filter";
        }

        List<Node> trees = new ArrayList<>();
        boolean failed = false;
        for (YMap part : parts) {
            Node tree;
            if (ruleType.equals("correlation")) {
                tree = correlation(part, properties, diagnostics);
            } else if (ruleType.equals("filter")) {
                tree = filter(part, properties, diagnostics);
            } else {
                tree = detection(part, properties, diagnostics);
            }
            if (tree == null) {
                failed = true;
            } else {
                trees.add(tree);
            }
        }
        Node tree = trees.isEmpty() ? null : Node.or(SelectionBuilder.flattenOr(trees));
        if (failed && tree != null) {
            tree = Node.or(SelectionBuilder.flattenOr(List.of(tree,
                    new Node.Opaque("", "unreadable document", Span.UNKNOWN))));
        }

        List<String> queries = new ArrayList<>();
        for (YMap document : raw) {
            String text = sectionText(document, section, lines);
            if (text != null) {
                queries.add(text);
            }
        }

        putIfPresent(properties, "cves", String.join("\n", AttackTags.cves(tags)));
        putIfPresent(properties, "otherTags", String.join("\n", AttackTags.others(tags)));
        return new Rule(Vendor.SIGMA, id, scalarText(first.get("title")), scalarText(first.get("description")),
                file, collection, ACTIVE_COLLECTIONS.contains(collection), scalarText(first.get("status")),
                scalarText(first.get("level")), ruleType, "sigma", AttackTags.techniques(tags), AttackTags.tactics(tags), tags,
                logsource(first.get("logsource")), String.join("\n---\n", queries), tree, List.of(), properties,
                diagnostics);
    }

    private Node detection(YMap document, Map<String, String> properties, List<Diagnostic> diagnostics) {
        YNode section = document.get("detection");
        if (!(section instanceof YMap detection)) {
            diagnostics.add(Diagnostic.invalid(file, lineOf(section, document),
                    "missing-detection", "Rule has no detection map; expected 'detection:' with selections"
                            + " and a condition."));
            return null;
        }
        YNode timeframe = detection.get("timeframe");
        if (timeframe != null) {
            putIfPresent(properties, "timeframe", scalarText(timeframe));
        }
        return logic(detection, Set.of(), diagnostics);
    }

    private Node filter(YMap document, Map<String, String> properties, List<Diagnostic> diagnostics) {
        YNode section = document.get("filter");
        if (!(section instanceof YMap filter)) {
            diagnostics.add(Diagnostic.invalid(file, lineOf(section, document), "missing-detection",
                    "Filter is not a map; expected 'filter:' with rules, selections and a condition."));
            return null;
        }
        List<String> targets = texts(filter.get("rules"));
        if (targets.isEmpty()) {
            diagnostics.add(Diagnostic.invalid(file, filter.line(), "missing-filter-rules",
                    "Filter names no rules; expected 'rules:' with the ids or names of the rules it filters."));
        }
        putIfPresent(properties, "filterTargets", String.join("\n", targets));
        return logic(filter, Set.of("rules"), diagnostics);
    }

    private Node correlation(YMap document, Map<String, String> properties, List<Diagnostic> diagnostics) {
        YNode section = document.get("correlation");
        if (!(section instanceof YMap correlation)) {
            diagnostics.add(Diagnostic.invalid(file, lineOf(section, document), "missing-detection",
                    "Correlation is not a map; expected 'correlation:' with type, rules and condition."));
            return null;
        }
        String type = scalarText(correlation.get("type"));
        List<String> rules = texts(correlation.get("rules"));
        putIfPresent(properties, "correlationRules", String.join("\n", rules));
        String reason = "correlation " + (type == null ? "of unknown type" : type) + " of "
                + (rules.isEmpty() ? "no rules" : String.join(", ", rules));
        diagnostics.add(Diagnostic.unsupported(file, correlation.line(), "correlation", "Correlation rule ("
                + reason + ") is kept whole; correlations have no predicate form here."));
        return new Node.Opaque(reason, reason, SelectionBuilder.span(correlation));
    }

    private static int lineOf(YNode section, YMap document) {
        return section == null ? document.line() : section.line();
    }

    /** Builds the tree of a detection or filter section from its selections and condition. */
    private Node logic(YMap section, Set<String> extraKeys, List<Diagnostic> diagnostics) {
        SelectionBuilder builder = new SelectionBuilder(file, diagnostics);
        Map<String, Node> selections = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> entry : section.entries().entrySet()) {
            String name = entry.getKey();
            if (!DETECTION_KEYWORDS.contains(name) && !extraKeys.contains(name)) {
                selections.put(name, builder.build(name, entry.getValue()));
            }
        }
        YNode condition = section.get("condition");
        if (condition == null || condition instanceof YScalar scalar && scalar.isNull()) {
            diagnostics.add(Diagnostic.invalid(file, section.line(), "missing-condition",
                    "Section has no condition; expected 'condition:' naming its selections."));
            return null;
        }
        List<YScalar> conditions = new ArrayList<>();
        if (condition instanceof YScalar scalar) {
            conditions.add(scalar);
        } else if (condition instanceof YList list) {
            for (YNode item : list.items()) {
                if (item instanceof YScalar scalar) {
                    conditions.add(scalar);
                }
            }
        }
        if (conditions.isEmpty()) {
            diagnostics.add(Diagnostic.invalid(file, condition.line(), "invalid-condition",
                    "Condition is not text; expected a condition such as 'selection and not filter'."));
            return null;
        }
        List<Node> trees = new ArrayList<>();
        for (YScalar scalar : conditions) {
            trees.add(new ConditionParser(file, scalar.line(), selections, diagnostics).parse(scalar.text()));
        }
        return Node.or(SelectionBuilder.flattenOr(trees));
    }

    /** Returns the lines of a top-level section as the file writes them, from its key to its last line. */
    private static String sectionText(YMap document, String key, String[] lines) {
        YNode value = document.get(key);
        Integer keyLine = document.keyLines().get(key);
        if (value == null || keyLine == null || keyLine < 1) {
            return null;
        }
        int last = Math.min(Math.max(value.endLine(), keyLine), lines.length);
        // Blank lines and column-0 comments before the next key belong to what follows.
        while (last > keyLine && (lines[last - 1].isBlank() || lines[last - 1].startsWith("#"))) {
            last--;
        }
        StringBuilder text = new StringBuilder();
        for (int line = keyLine; line <= last; line++) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(lines[line - 1]);
        }
        return text.toString();
    }

    private static Map<String, List<String>> logsource(YNode node) {
        Map<String, List<String>> logsource = new LinkedHashMap<>();
        if (node instanceof YMap map) {
            for (String key : List.of("product", "category", "service", "definition")) {
                String value = scalarText(map.get(key));
                if (value != null) {
                    logsource.put(key, List.of(value));
                }
            }
        }
        return logsource;
    }

    private static String related(YNode node) {
        List<String> lines = new ArrayList<>();
        if (node instanceof YList list) {
            for (YNode item : list.items()) {
                if (item instanceof YMap map) {
                    String type = scalarText(map.get("type"));
                    String id = scalarText(map.get("id"));
                    lines.add((type == null ? "" : type + " ") + (id == null ? "" : id));
                }
            }
        }
        return String.join("\n", lines).trim();
    }

    static String scalarText(YNode node) {
        if (node instanceof YScalar scalar && !scalar.isNull()) {
            return scalar.text();
        }
        return null;
    }

    private static List<String> texts(YNode node) {
        List<String> texts = new ArrayList<>();
        if (node instanceof YList list) {
            for (YNode item : list.items()) {
                String text = scalarText(item);
                if (text != null) {
                    texts.add(text);
                }
            }
        } else {
            String text = scalarText(node);
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(key, value);
        }
    }

    /** Builds the rule of a file that could not be read as YAML at all. */
    private Rule failed(Diagnostic diagnostic) {
        Map<String, String> properties = new LinkedHashMap<>();
        putIfPresent(properties, "url", upstreamUrl(file));
        String name = file.substring(file.lastIndexOf('/') + 1);
        return new Rule(Vendor.SIGMA, file, name, "", file, collection, ACTIVE_COLLECTIONS.contains(collection),
                "", "", "detection", "sigma", List.of(), List.of(), List.of(), Map.of(), "", null, List.of(),
                properties, List.of(diagnostic));
    }

    /** Splits text at LF or CRLF without a regex, which the profile showed per file. */
    static String[] lines(String content) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = content.indexOf('\n', start)) >= 0) {
            int end = newline > start && content.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(content.substring(start, end));
            start = newline + 1;
        }
        lines.add(content.substring(start));
        return lines.toArray(new String[0]);
    }

    /** Returns the rule's address upstream, or null for a file outside a corpus sigma folder. */
    private static String upstreamUrl(String file) {
        return file.startsWith("sigma/") ? UPSTREAM + file.substring("sigma/".length()) : null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
