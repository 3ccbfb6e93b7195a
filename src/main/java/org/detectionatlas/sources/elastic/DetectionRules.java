package org.detectionatlas.sources.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.detectionatlas.sources.elastic.ElasticReader.QueryPosition;
import org.detectionatlas.sources.elastic.ElasticReader.RuleBuilder;

/** Fills a rule from the {@code [rule]} and {@code [metadata]} tables of a detection rule file. */
final class DetectionRules {
    private static final Map<String, String> LANGUAGES = Map.of("kuery", "kql", "eql", "eql", "esql", "esql",
            "lucene", "lucene");

    private DetectionRules() {}

    static void fill(RuleBuilder rule, JsonNode table, JsonNode metadata, String fileText) {
        if (table.hasNonNull("rule_id")) {
            rule.id = table.get("rule_id").asText();
        } else {
            rule.diagnostics.add(Diagnostic.invalid(rule.file, -1, "rule-id-missing",
                    "The rule has no rule.rule_id; the file path is used as its id."));
        }
        rule.title = table.path("name").asText("");
        rule.description = table.path("description").asText("").strip();
        rule.status = metadata.path("maturity").asText("");
        rule.level = table.path("severity").asText("");
        rule.ruleType = table.path("type").asText("");
        String language = table.path("language").asText("");
        rule.language = LANGUAGES.getOrDefault(language, language.toLowerCase(Locale.ROOT));
        rule.tags = ElasticReader.strings(table.get("tags"));
        readThreats(rule, table.path("threat"));
        readProperties(rule, table);
        List<String> index = ElasticReader.strings(table.get("index"));
        if (index.isEmpty() && rule.language.equals("esql")) {
            index = EsqlParser.indexPatterns(table.path("query").asText(""));
        }
        if (!index.isEmpty()) {
            rule.logsource.put("index", index);
        }
        rule.tree = tree(rule, table, fileText);
        Set<String> datasets = new LinkedHashSet<>();
        ElasticReader.collectValues(rule.tree, "data_stream.dataset", datasets);
        if (!datasets.isEmpty()) {
            rule.logsource.put("data_stream.dataset", List.copyOf(datasets));
        }
    }

    private static void readThreats(RuleBuilder rule, JsonNode threats) {
        for (JsonNode threat : threats) {
            for (JsonNode technique : threat.path("technique")) {
                rule.addTechnique(technique.path("id").asText(null));
                for (JsonNode subtechnique : technique.path("subtechnique")) {
                    rule.addTechnique(subtechnique.path("id").asText(null));
                }
            }
            String tactic = threat.path("tactic").path("name").asText("").strip();
            if (!tactic.isEmpty()) {
                rule.tactics.add(tactic.toLowerCase(Locale.ROOT).replace(' ', '-'));
            }
        }
    }

    private static void readProperties(RuleBuilder rule, JsonNode table) {
        putJoined(rule, "author", ElasticReader.strings(table.get("author")));
        putJoined(rule, "references", ElasticReader.strings(table.get("references")));
        JsonNode threshold = table.path("threshold");
        if (!threshold.isMissingNode()) {
            List<String> fields = ElasticReader.strings(threshold.get("field"));
            putJoined(rule, "threshold.field", fields);
            putJoined(rule, "threshold.value", ElasticReader.strings(threshold.get("value")));
            List<String> cardinality = new ArrayList<>();
            for (JsonNode entry : threshold.path("cardinality")) {
                cardinality.add(entry.path("field").asText("") + " >= " + entry.path("value").asText(""));
            }
            putJoined(rule, "threshold.cardinality", cardinality);
            rule.properties.put("threshold", thresholdText(fields, threshold.path("value").asText("?"), threshold));
        }
        JsonNode newTerms = table.path("new_terms");
        putJoined(rule, "new_terms.fields", ElasticReader.strings(newTerms.get("value")));
        List<String> history = new ArrayList<>();
        for (JsonNode entry : newTerms.path("history_window_start")) {
            history.add(entry.path("value").asText(""));
        }
        putJoined(rule, "new_terms.history_window_start", history);
        putJoined(rule, "machine_learning_job_id", ElasticReader.strings(table.get("machine_learning_job_id")));
        putJoined(rule, "anomaly_threshold", ElasticReader.strings(table.get("anomaly_threshold")));
        putJoined(rule, "building_block_type", ElasticReader.strings(table.get("building_block_type")));
        putJoined(rule, "risk_score", ElasticReader.strings(table.get("risk_score")));
        putJoined(rule, "false_positives", ElasticReader.strings(table.get("false_positives")));
        putJoined(rule, "note", ElasticReader.strings(table.get("note")));
        putJoined(rule, "setup", ElasticReader.strings(table.get("setup")));
        putJoined(rule, "threat_index", ElasticReader.strings(table.get("threat_index")));
        putJoined(rule, "threat_query", ElasticReader.strings(table.get("threat_query")).stream()
                .map(String::strip).toList());
        putJoined(rule, "threat_language", ElasticReader.strings(table.get("threat_language")));
        putJoined(rule, "threat_indicator_path", ElasticReader.strings(table.get("threat_indicator_path")));
        String mapping = threatMapping(table.path("threat_mapping"));
        if (!mapping.isEmpty()) {
            rule.properties.put("threat_mapping", mapping);
        }
    }

    /** Words a threshold as the alert condition, such as "count >= 25 by host.id, cardinality user.name >= 5". */
    static String thresholdText(List<String> fields, String value, JsonNode threshold) {
        StringBuilder text = new StringBuilder("count >= ").append(value);
        if (!fields.isEmpty()) {
            text.append(" by ").append(String.join(", ", fields));
        }
        for (JsonNode entry : threshold.path("cardinality")) {
            text.append(", distinct ").append(entry.path("field").asText("")).append(" >= ")
                    .append(entry.path("value").asText(""));
        }
        return text.toString();
    }

    /**
     * Words the indicator mapping: an event matches an indicator when all entries of one group
     * hold, for any group, such as "(source.ip = threat.indicator.ip) or (url.full = threat.indicator.url.full)".
     */
    static String threatMapping(JsonNode groups) {
        List<String> alternatives = new ArrayList<>();
        for (JsonNode group : groups) {
            List<String> entries = new ArrayList<>();
            for (JsonNode entry : group.path("entries")) {
                String operator = entry.path("negate").asBoolean(false) ? " != " : " = ";
                entries.add(entry.path("field").asText("") + operator + entry.path("value").asText(""));
            }
            if (!entries.isEmpty()) {
                alternatives.add("(" + String.join(" and ", entries) + ")");
            }
        }
        return String.join(" or ", alternatives);
    }

    private static void putJoined(RuleBuilder rule, String key, List<String> values) {
        if (!values.isEmpty()) {
            rule.properties.put(key, String.join(", ", values));
        }
    }

    private static Node tree(RuleBuilder rule, JsonNode table, String fileText) {
        if (rule.ruleType.equals("machine_learning")) {
            String jobs = rule.properties.getOrDefault("machine_learning_job_id", "");
            rule.diagnostics.add(Diagnostic.unsupported(rule.file, -1, "machine-learning-job",
                    "The rule alerts on anomalies of the machine learning job " + jobs
                            + ", which has no query to read; it is catalogued by its techniques only."));
            return new Node.Opaque(jobs, "machine learning job", Span.UNKNOWN);
        }
        if (!table.hasNonNull("query")) {
            rule.diagnostics.add(Diagnostic.invalid(rule.file, -1, "query-missing",
                    "The " + rule.ruleType + " rule has no rule.query; expected a query in " + rule.language + "."));
            return null;
        }
        rule.query = table.get("query").asText();
        QueryPosition position = QueryPosition.find(fileText, rule.query, "rule", "query");
        Node tree = QueryTrees.parse(rule.language, rule.query, rule.file, position, rule.diagnostics);
        List<Node> exclusions = filters(rule, table.path("filters"), fileText);
        if (tree == null || exclusions.isEmpty()) {
            return tree;
        }
        List<Node> children = new ArrayList<>();
        if (tree instanceof Node.And and) {
            children.addAll(and.children());
        } else {
            children.add(tree);
        }
        children.addAll(exclusions);
        return Node.and(children);
    }

    /**
     * Turns Kibana filters into nodes: negated ones become Not(...) exclusions, disabled ones are
     * left out as Kibana does. Each node is placed at the line of its {@code [[rule.filters]]}.
     */
    private static List<Node> filters(RuleBuilder rule, JsonNode filters, String fileText) {
        List<Node> nodes = new ArrayList<>();
        List<Integer> lines = filterLines(fileText);
        int position = 0;
        for (JsonNode filter : filters) {
            int line = position < lines.size() ? lines.get(position) : -1;
            position++;
            if (filter.path("meta").path("disabled").asBoolean(false)) {
                continue;
            }
            boolean negate = filter.path("meta").path("negate").asBoolean(false);
            JsonNode query = filter.has("query") ? filter.get("query") : filter;
            Node test = filterTest(query, Span.atLine(line));
            if (test == null) {
                String text = filter.toString();
                rule.diagnostics.add(Diagnostic.unsupported(rule.file, line, "filter-unsupported",
                        "The filter " + text + " is kept as opaque text; expected match_phrase, wildcard or exists."));
                test = new Node.Opaque(text, "Kibana filter", Span.atLine(line));
            }
            nodes.add(negate ? new Node.Not(test) : test);
        }
        return nodes;
    }

    /** Returns the 1-based lines of the {@code [[rule.filters]]} headers, in file order. */
    static List<Integer> filterLines(String fileText) {
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        int start = 0;
        while (start <= fileText.length()) {
            int end = fileText.indexOf('\n', start);
            String text = (end < 0 ? fileText.substring(start) : fileText.substring(start, end)).strip();
            if (text.equals("[[rule.filters]]")) {
                lines.add(line);
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
            line++;
        }
        return lines;
    }

    private static Node filterTest(JsonNode query, Span span) {
        if (query.has("match_phrase")) {
            var entry = query.get("match_phrase").fields();
            if (entry.hasNext()) {
                var field = entry.next();
                JsonNode value = field.getValue().isObject() ? field.getValue().path("query") : field.getValue();
                return Predicate.of(field.getKey(), Operator.EQ, value.asText(), true,
                        "filter match_phrase " + field.getKey() + ": " + value.asText(), span);
            }
        }
        if (query.has("wildcard")) {
            var entry = query.get("wildcard").fields();
            if (entry.hasNext()) {
                var field = entry.next();
                JsonNode value = field.getValue().isObject() ? field.getValue().path("value") : field.getValue();
                boolean caseInsensitive = field.getValue().path("case_insensitive").asBoolean(false);
                return Predicate.of(field.getKey(), Operator.WILDCARD, value.asText(), !caseInsensitive,
                        "filter wildcard " + field.getKey() + ": " + value.asText(), span);
            }
        }
        if (query.has("exists") && query.get("exists").hasNonNull("field")) {
            String field = query.get("exists").get("field").asText();
            return Predicate.of(field, Operator.EXISTS, "true", true, "filter exists " + field, span);
        }
        return null;
    }
}
