package org.detectionatlas.sources.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.detectionatlas.model.Node;
import org.detectionatlas.sources.elastic.ElasticReader.QueryPosition;
import org.detectionatlas.sources.elastic.ElasticReader.RuleBuilder;

/**
 * Fills a rule from the {@code [hunt]} table of a hunting file. A hunt lists several queries,
 * which become one OR tree; its type is {@code hunting} and it is never active.
 */
final class HuntingQueries {
    private HuntingQueries() {}

    static void fill(RuleBuilder rule, JsonNode hunt, String fileText) {
        rule.id = hunt.path("uuid").asText(rule.file);
        rule.title = hunt.path("name").asText("");
        rule.description = hunt.path("description").asText("").strip();
        rule.ruleType = "hunting";
        List<String> languages = ElasticReader.strings(hunt.get("language"));
        rule.language = languages.isEmpty() ? "" : language(languages.get(0));
        for (String technique : ElasticReader.strings(hunt.get("mitre"))) {
            rule.addTechnique(technique);
        }
        rule.tags = ElasticReader.strings(hunt.get("integration"));
        rule.properties.put("author", String.join(", ", ElasticReader.strings(hunt.get("author"))));
        List<String> queries = ElasticReader.strings(hunt.get("query"));
        rule.query = String.join("\n\n", queries);
        List<Node> trees = new ArrayList<>();
        for (String query : queries) {
            String queryLanguage = language(guessLanguage(query, rule.language));
            // NOTE: only the first query of a list gets its line, because the others' lines are not searched.
            QueryPosition position = trees.isEmpty() ? QueryPosition.find(fileText, query, "hunt", "query")
                    : QueryPosition.UNKNOWN;
            Node tree = QueryTrees.parse(queryLanguage, query, rule.file, position, rule.diagnostics);
            if (tree != null) {
                trees.add(tree);
            }
        }
        rule.tree = trees.isEmpty() ? null : Node.or(trees);
    }

    private static String language(String declared) {
        String lower = declared.toLowerCase(Locale.ROOT);
        return lower.equals("es|ql") ? "esql" : lower;
    }

    /** Returns sql or esql by the query's first word, because a hunt may mix both under one language list. */
    private static String guessLanguage(String query, String declared) {
        String start = query.stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("select")) {
            return "sql";
        }
        if (start.startsWith("from ")) {
            return "esql";
        }
        return declared;
    }
}
