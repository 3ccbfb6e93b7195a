package org.detectionatlas.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One detection rule of any vendor, as read and then normalized.
 *
 * <p>A rule whose query could not be (fully) understood is still a rule: {@code tree} is
 * {@code null} when nothing could be read, and {@code diagnostics} explain why.
 *
 * @param vendor the corpus it comes from
 * @param id the rule's own id: Sigma id, Elastic rule_id, Splunk id (the file path where the rule
 *     has none)
 * @param title the rule's name
 * @param description the rule's description, may be empty
 * @param file path of the rule file relative to the corpus root, such as
 *     {@code sigma/rules/windows/process_creation/proc_creation_win_x.yml}
 * @param collection the folder the rule belongs to: for Sigma {@code rules}, {@code deprecated}...;
 *     for Elastic {@code rules}, {@code rules_building_block}, {@code _deprecated}...; for Splunk
 *     the detections folder such as {@code endpoint} or {@code deprecated}
 * @param active whether statistics count the rule (deprecated and unsupported rules are not)
 * @param status the vendor's status or maturity (stable, test, production, experimental...)
 * @param level the vendor's severity or level
 * @param ruleType the vendor's rule type: Sigma {@code detection}, {@code correlation},
 *     {@code filter}; Elastic {@code query}, {@code eql}, {@code esql}, {@code threshold}...;
 *     Splunk {@code TTP}, {@code Anomaly}, {@code Hunting}...
 * @param language the query language: sigma, kql, eql, esql, lucene, spl, or empty when none
 * @param techniques ATT&amp;CK technique ids the rule's own tags name, upper case, such as T1055.001
 * @param tactics ATT&amp;CK tactics the rule's tags name, as short names (defense-evasion) or ids
 * @param tags every tag as written
 * @param logsource the log source declaration: Sigma product/category/service/definition, Elastic
 *     index patterns under {@code index}, Splunk data sources under {@code data_source}
 * @param query the query text as the rule holds it (Sigma: the detection section as YAML; Splunk:
 *     the search after macro expansion is kept in {@code properties})
 * @param tree the predicate tree, or {@code null} when no part of the query could be read
 * @param events catalog events the rule reads, filled by normalization
 * @param properties other facts worth showing, such as author, references, threshold, macro
 *     expansion or upstream URL
 * @param diagnostics problems met while reading or normalizing the rule
 */
public record Rule(
        Vendor vendor,
        String id,
        String title,
        String description,
        String file,
        String collection,
        boolean active,
        String status,
        String level,
        String ruleType,
        String language,
        List<String> techniques,
        List<String> tactics,
        List<String> tags,
        Map<String, List<String>> logsource,
        String query,
        Node tree,
        List<EventKey> events,
        Map<String, String> properties,
        List<Diagnostic> diagnostics) {

    public Rule {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        collection = collection == null ? "" : collection;
        status = status == null ? "" : status;
        level = level == null ? "" : level;
        ruleType = ruleType == null ? "" : ruleType;
        language = language == null ? "" : language;
        query = query == null ? "" : query;
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
        tags = List.copyOf(tags);
        logsource = Map.copyOf(logsource);
        events = List.copyOf(events);
        properties = Map.copyOf(properties);
        diagnostics = List.copyOf(diagnostics);
    }

    public ParseStatus parseStatus() {
        return ParseStatus.of(tree);
    }

    public Rule withTree(Node newTree) {
        return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType,
                language, techniques, tactics, tags, logsource, query, newTree, events, properties, diagnostics);
    }

    public Rule withEvents(List<EventKey> newEvents) {
        return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType,
                language, techniques, tactics, tags, logsource, query, tree, newEvents, properties, diagnostics);
    }

    public Rule withId(String newId) {
        return new Rule(vendor, newId, title, description, file, collection, active, status, level, ruleType,
                language, techniques, tactics, tags, logsource, query, tree, events, properties, diagnostics);
    }

    public Rule withTechniques(List<String> newTechniques) {
        return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType,
                language, newTechniques, tactics, tags, logsource, query, tree, events, properties, diagnostics);
    }

    public Rule withTactics(List<String> newTactics) {
        return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType,
                language, techniques, newTactics, tags, logsource, query, tree, events, properties, diagnostics);
    }

    public Rule withProperties(Map<String, String> newProperties) {
        return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType,
                language, techniques, tactics, tags, logsource, query, tree, events, newProperties, diagnostics);
    }

    public Rule withDiagnostics(List<Diagnostic> newDiagnostics) {
        return new Rule(vendor, id, title, description, file, collection, active, status, level, ruleType,
                language, techniques, tactics, tags, logsource, query, tree, events, properties, newDiagnostics);
    }
}
