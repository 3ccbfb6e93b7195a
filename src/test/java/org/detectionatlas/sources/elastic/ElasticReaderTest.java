package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticReaderTest {
    @TempDir
    static Path root;

    private static RuleReadResult result;

    private static final String NEW_TERMS_RULE = """
            [metadata]
            maturity = "production"

            [rule]
            author = ["Elastic", "Someone"]
            description = \"""
            Detects a shell.
            \"""
            index = ["logs-endpoint.events.process-*"]
            language = "kuery"
            name = "Shell started"
            references = ["https://example.org/a"]
            rule_id = "abc-1"
            severity = "high"
            tags = ["OS: Windows", "Tactic: Execution"]
            type = "new_terms"

            query = '''
            event.category:process and
              data_stream.dataset:"endpoint.events.process" and process.name:cmd.exe
            '''

            [[rule.filters]]
            [rule.filters.meta]
            negate = true
            [rule.filters.query.match_phrase]
            "process.parent.name" = "explorer.exe"

            [[rule.filters]]
            [rule.filters.meta]
            disabled = true
            negate = true
            [rule.filters.query.match_phrase]
            "process.parent.name" = "services.exe"

            [rule.new_terms]
            field = "new_terms_fields"
            value = ["host.id", "user.name"]
            [[rule.new_terms.history_window_start]]
            field = "history_window_start"
            value = "now-14d"

            [[rule.threat]]
            framework = "MITRE ATT&CK"
            [[rule.threat.technique]]
            id = "T1055"
            [[rule.threat.technique.subtechnique]]
            id = "t1055.001"
            [[rule.threat.technique]]
            id = "T1106"
            [rule.threat.tactic]
            name = "Defense Evasion"
            [[rule.threat]]
            [[rule.threat.technique]]
            id = "T1106"
            [rule.threat.tactic]
            name = "Execution"
            """;

    private static final String DEPRECATED_EQL_RULE = """
            [metadata]
            maturity = "deprecated"

            [rule]
            name = "Old rule"
            language = "eql"
            type = "eql"
            query = '''
            process where length(process.name) > 3
            '''
            """;

    private static final String ML_RULE = """
            [rule]
            name = "Rare process"
            rule_id = "ml-1"
            type = "machine_learning"
            machine_learning_job_id = ["job_a", "job_b"]
            building_block_type = "default"
            """;

    private static final String THRESHOLD_RULE = """
            [rule]
            name = "Many logons"
            rule_id = "thr-1"
            language = "kuery"
            type = "threshold"
            query = 'event.action:logon'

            [rule.threshold]
            field = ["host.id", "source.ip"]
            value = 25
            [[rule.threshold.cardinality]]
            field = "user.name"
            value = 5
            """;

    private static final String THREAT_MATCH_RULE = """
            [rule]
            name = "Indicator match"
            rule_id = "tm-1"
            language = "kuery"
            type = "threat_match"
            index = ["logs-*"]
            query = 'source.ip:*'
            threat_index = ["logs-ti_*"]
            threat_indicator_path = "threat.indicator"
            threat_language = "kuery"
            threat_query = \"""
            event.category:threat and threat.indicator.ip:*
            \"""

            [[rule.threat_mapping]]
            [[rule.threat_mapping.entries]]
            field = "source.ip"
            type = "mapping"
            value = "threat.indicator.ip"
            [[rule.threat_mapping.entries]]
            field = "source.port"
            type = "mapping"
            value = "threat.indicator.port"
            [[rule.threat_mapping]]
            [[rule.threat_mapping.entries]]
            field = "destination.ip"
            type = "mapping"
            value = "threat.indicator.ip"
            """;

    private static final String BAD_KQL_RULE = """
            [rule]
            name = "Bad"
            rule_id = "bad-1"
            language = "kuery"
            type = "query"
            query = '''
            host.os.type:windows and
              process.name:
            '''
            """;

    private static final String ESQL_RULE = """
            [rule]
            name = "Stats"
            rule_id = "esql-1"
            language = "esql"
            type = "esql"
            query = '''
            from logs-* | stats count(*) by host.name
            '''
            """;

    private static final String HUNT = """
            [hunt]
            author = "Elastic"
            name = "Hunt"
            uuid = "hunt-1"
            language = ["EQL"]
            mitre = ["T1059.001"]
            query = ['''
            process where process.name == "a"
            ''', '''
            process where process.name == "b"
            ''']
            """;

    @BeforeAll
    static void readFixtures() throws IOException {
        write("elastic/rules/windows/shell.toml", NEW_TERMS_RULE);
        write("elastic/rules/_deprecated/old.toml", DEPRECATED_EQL_RULE);
        write("elastic/rules_building_block/ml.toml", ML_RULE);
        write("elastic/rules/windows/bad.toml", BAD_KQL_RULE);
        write("elastic/rules/windows/broken.toml", "[rule\nname = 1\n");
        write("elastic/rules/windows/esql.toml", ESQL_RULE);
        write("elastic/rules/network/threshold.toml", THRESHOLD_RULE);
        write("elastic/rules/network/threat.toml", THREAT_MATCH_RULE);
        write("elastic/hunting/windows/queries/hunt.toml", HUNT);
        write("elastic/rules/README.md", "not a rule");
        result = new ElasticReader().read(root);
    }

    private static void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Rule rule(String file) {
        return result.rules().stream().filter(rule -> rule.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void everyTomlFileBecomesOneRule() {
        assertThat(result.vendor()).isEqualTo(Vendor.ELASTIC);
        assertThat(result.files()).isEqualTo(9);
        assertThat(result.rules()).extracting(Rule::file).containsExactly(
                "elastic/hunting/windows/queries/hunt.toml",
                "elastic/rules/_deprecated/old.toml",
                "elastic/rules/network/threat.toml",
                "elastic/rules/network/threshold.toml",
                "elastic/rules/windows/bad.toml",
                "elastic/rules/windows/broken.toml",
                "elastic/rules/windows/esql.toml",
                "elastic/rules/windows/shell.toml",
                "elastic/rules_building_block/ml.toml");
    }

    @Test
    void ruleMetadata() {
        Rule rule = rule("elastic/rules/windows/shell.toml");
        assertThat(rule.id()).isEqualTo("abc-1");
        assertThat(rule.title()).isEqualTo("Shell started");
        assertThat(rule.description()).isEqualTo("Detects a shell.");
        assertThat(rule.collection()).isEqualTo("rules");
        assertThat(rule.active()).isTrue();
        assertThat(rule.status()).isEqualTo("production");
        assertThat(rule.level()).isEqualTo("high");
        assertThat(rule.ruleType()).isEqualTo("new_terms");
        assertThat(rule.language()).isEqualTo("kql");
        assertThat(rule.tags()).containsExactly("OS: Windows", "Tactic: Execution");
        assertThat(rule.techniques()).containsExactly("T1055", "T1055.001", "T1106");
        assertThat(rule.tactics()).containsExactly("defense-evasion", "execution");
        assertThat(rule.logsource()).isEqualTo(Map.of(
                "index", List.of("logs-endpoint.events.process-*"),
                "data_stream.dataset", List.of("endpoint.events.process")));
        assertThat(rule.query()).isEqualTo(
                "event.category:process and\n  data_stream.dataset:\"endpoint.events.process\" and process.name:cmd.exe\n");
        assertThat(rule.properties()).isEqualTo(Map.of(
                "author", "Elastic, Someone",
                "references", "https://example.org/a",
                "new_terms.fields", "host.id, user.name",
                "new_terms.history_window_start", "now-14d",
                "url", "https://github.com/elastic/detection-rules/blob/main/rules/windows/shell.toml"));
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void kqlTreeWithLinesAndNegatedFilter() {
        Node expected = new Node.And(List.of(
                Predicate.of("event.category", Operator.EQ, "process", true, "event.category:process",
                        new Span(19, 1, 0, 22)),
                Predicate.of("data_stream.dataset", Operator.EQ, "endpoint.events.process", true,
                        "data_stream.dataset:\"endpoint.events.process\"", new Span(20, 3, 29, 74)),
                Predicate.of("process.name", Operator.EQ, "cmd.exe", true, "process.name:cmd.exe",
                        new Span(20, 53, 79, 99)),
                new Node.Not(Predicate.of("process.parent.name", Operator.EQ, "explorer.exe", true,
                        "filter match_phrase process.parent.name: explorer.exe", Span.atLine(23)))));
        assertThat(rule("elastic/rules/windows/shell.toml").tree()).isEqualTo(expected);
    }

    @Test
    void deprecatedRuleWithoutIdAndOpaqueFunction() {
        Rule rule = rule("elastic/rules/_deprecated/old.toml");
        assertThat(rule.id()).isEqualTo("elastic/rules/_deprecated/old.toml");
        assertThat(rule.collection()).isEqualTo("_deprecated");
        assertThat(rule.active()).isFalse();
        assertThat(rule.status()).isEqualTo("deprecated");
        assertThat(rule.tree()).isEqualTo(new Node.And(List.of(
                Predicate.of("event.category", Operator.EQ, "process", true, "process where", new Span(9, 1, 0, 13)),
                new Node.Opaque("length(process.name) > 3", "EQL function or computed value",
                        new Span(9, 15, 14, 38)))));
        assertThat(rule.diagnostics()).containsExactly(
                Diagnostic.invalid("elastic/rules/_deprecated/old.toml", -1, "rule-id-missing",
                        "The rule has no rule.rule_id; the file path is used as its id."),
                new Diagnostic("elastic/rules/_deprecated/old.toml", 9, 15, Diagnostic.Kind.UNSUPPORTED, "eql-function",
                        "The comparison \"length(process.name) > 3\" applies to a computed value, which is kept as"
                                + " opaque text."));
    }

    @Test
    void machineLearningRuleNamesJobs() {
        Rule rule = rule("elastic/rules_building_block/ml.toml");
        assertThat(rule.collection()).isEqualTo("rules_building_block");
        assertThat(rule.active()).isTrue();
        assertThat(rule.language()).isEmpty();
        assertThat(rule.tree()).isEqualTo(new Node.Opaque("job_a, job_b", "machine learning job", Span.UNKNOWN));
        assertThat(rule.properties()).containsEntry("machine_learning_job_id", "job_a, job_b")
                .containsEntry("building_block_type", "default");
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported("elastic/rules_building_block/ml.toml",
                -1, "machine-learning-job", "The rule alerts on anomalies of the machine learning job job_a, job_b,"
                        + " which has no query to read; it is catalogued by its techniques only."));
    }

    @Test
    void thresholdIsAPropertyBesideAParsedTree() {
        Rule rule = rule("elastic/rules/network/threshold.toml");
        assertThat(rule.tree()).isEqualTo(Predicate.of("event.action", Operator.EQ, "logon", true,
                "event.action:logon", new Span(6, 10, 0, 18)));
        assertThat(rule.properties()).containsEntry("threshold", "count >= 25 by host.id, source.ip, distinct user.name >= 5")
                .containsEntry("threshold.field", "host.id, source.ip")
                .containsEntry("threshold.value", "25")
                .containsEntry("threshold.cardinality", "user.name >= 5");
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void threatMatchKeepsMappingIndexAndQuery() {
        Rule rule = rule("elastic/rules/network/threat.toml");
        assertThat(rule.tree()).isEqualTo(Predicate.of("source.ip", Operator.EXISTS, "true", true, "source.ip:*",
                new Span(7, 10, 0, 11)));
        assertThat(rule.properties())
                .containsEntry("threat_mapping", "(source.ip = threat.indicator.ip and source.port = threat.indicator.port)"
                        + " or (destination.ip = threat.indicator.ip)")
                .containsEntry("threat_index", "logs-ti_*")
                .containsEntry("threat_query", "event.category:threat and threat.indicator.ip:*")
                .containsEntry("threat_language", "kuery")
                .containsEntry("threat_indicator_path", "threat.indicator");
    }

    @Test
    void kqlSyntaxErrorIsPlacedInFile() {
        Rule rule = rule("elastic/rules/windows/bad.toml");
        assertThat(rule.tree()).isNull();
        assertThat(rule.query()).isEqualTo("host.os.type:windows and\n  process.name:\n");
        assertThat(rule.diagnostics()).containsExactly(new Diagnostic("elastic/rules/windows/bad.toml", 9, 1,
                Diagnostic.Kind.INVALID, "kql-syntax",
                "Query line 3, column 1: Invalid KQL: unexpected end of query; expected a value after"
                        + " \"process.name:\"."));
    }

    @Test
    void brokenTomlKeepsRule() {
        Rule rule = rule("elastic/rules/windows/broken.toml");
        assertThat(rule.id()).isEqualTo("elastic/rules/windows/broken.toml");
        assertThat(rule.tree()).isNull();
        assertThat(rule.diagnostics()).containsExactly(new Diagnostic("elastic/rules/windows/broken.toml", 1, 6,
                Diagnostic.Kind.INVALID, "toml-invalid",
                "The file is not valid TOML: \"Newline not permitted here\"; expected a TOML rule file."));
    }

    @Test
    void esqlAggregationIsOpaque() {
        Rule rule = rule("elastic/rules/windows/esql.toml");
        assertThat(rule.tree()).isEqualTo(new Node.Opaque("stats count(*) by host.name",
                "ES|QL aggregation and later commands", new Span(7, 15, 14, 41)));
        assertThat(rule.logsource()).isEqualTo(Map.of("index", List.of("logs-*")));
        assertThat(rule.diagnostics()).containsExactly(new Diagnostic("elastic/rules/windows/esql.toml", 7, 15,
                Diagnostic.Kind.UNSUPPORTED, "esql-aggregation",
                "The ES|QL commands from \"stats count(*) by host.name\" onwards are kept as opaque text."));
    }

    @Test
    void transformQueryBeforeRuleQuery(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("elastic/rules/windows/transform.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                [metadata]
                maturity = "production"

                [transform]
                [[transform.osquery]]
                label = "Services"
                query = \"""
                SELECT name FROM services
                \"""

                [rule]
                name = "Stats after a transform"
                rule_id = "transform-1"
                language = "esql"
                type = "esql"
                query = '''
                from logs-*
                | stats count(*) by host.name
                '''
                """);

        Rule rule = ElasticReader.readSingleFile(file);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("stats count(*) by host.name",
                "ES|QL aggregation and later commands", new Span(18, 3, 14, 41)));
        assertThat(rule.diagnostics()).containsExactly(new Diagnostic("elastic/rules/windows/transform.toml", 18, 3,
                Diagnostic.Kind.UNSUPPORTED, "esql-aggregation",
                "The ES|QL commands from \"stats count(*) by host.name\" onwards are kept as opaque text."));
    }

    @Test
    void huntingQueriesBecomeOr() {
        Rule rule = rule("elastic/hunting/windows/queries/hunt.toml");
        assertThat(rule.id()).isEqualTo("hunt-1");
        assertThat(rule.collection()).isEqualTo("hunting");
        assertThat(rule.active()).isFalse();
        assertThat(rule.ruleType()).isEqualTo("hunting");
        assertThat(rule.language()).isEqualTo("eql");
        assertThat(rule.techniques()).containsExactly("T1059.001");
        assertThat(rule.tree()).isEqualTo(new Node.Or(List.of(
                new Node.And(List.of(
                        Predicate.of("event.category", Operator.EQ, "process", true, "process where",
                                new Span(8, 1, 0, 13)),
                        Predicate.of("process.name", Operator.EQ, "a", true, "process.name == \"a\"",
                                new Span(8, 15, 14, 33)))),
                new Node.And(List.of(
                        Predicate.of("event.category", Operator.EQ, "process", true, "process where",
                                Span.ofQuery(0, 13)),
                        Predicate.of("process.name", Operator.EQ, "b", true, "process.name == \"b\"",
                                Span.ofQuery(14, 33)))))));
        assertThat(rule.diagnostics()).isEmpty();
    }
}
