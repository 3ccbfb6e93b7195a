package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ElasticReaderCorpusTest {
    private static RuleReadResult result;

    @BeforeAll
    static void readCorpus() {
        long started = System.nanoTime();
        result = new ElasticReader().read(TestCorpus.root());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Elastic corpus read in " + millis + " ms");
        Map<String, Map<ParseStatus, Long>> byLanguage = new TreeMap<>();
        for (Rule rule : result.rules()) {
            String key = rule.collection() + "/" + rule.language();
            byLanguage.computeIfAbsent(key, k -> new TreeMap<>()).merge(rule.parseStatus(), 1L, Long::sum);
        }
        byLanguage.forEach((key, counts) -> System.out.println(key + " " + counts));
        Map<String, Long> codes = result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                .collect(Collectors.groupingBy(Diagnostic::code, TreeMap::new, Collectors.counting()));
        System.out.println("diagnostics " + codes);
    }

    @Test
    void triageNoteSetupAndRiskScoreAreKept() {
        Rule rule = result.rules().stream().filter(r -> r.id().equals("1dee0500-4aeb-44ca-b24b-4a285d7b6ba1"))
                .findFirst().orElseThrow();

        assertThat(rule.properties().get("risk_score")).isEqualTo("47");
        assertThat(rule.properties().get("note")).startsWith("## Triage and analysis\n");
        assertThat(rule.properties().get("setup")).startsWith("## Setup\n");
    }

    private static List<String> diagnosticPlaces(String file) {
        return result.rules().stream().filter(rule -> rule.file().equals(file))
                .flatMap(rule -> rule.diagnostics().stream())
                .map(diagnostic -> diagnostic.line() + ":" + diagnostic.column() + " " + diagnostic.code()).toList();
    }

    @Test
    void queryLinesSkipTransformQueries() {
        assertThat(diagnosticPlaces("elastic/rules/windows/credential_access_lsass_openprocess_api.toml"))
                .containsExactly("152:3 esql-aggregation");
        assertThat(diagnosticPlaces("elastic/rules/windows/credential_access_bruteforce_admin_account.toml"))
                .containsExactly("118:7 esql-function", "131:3 esql-aggregation");
    }

    private static Map<ParseStatus, Long> activeStatus(String language) {
        return result.rules().stream()
                .filter(rule -> rule.active() && rule.language().equals(language))
                .collect(Collectors.groupingBy(Rule::parseStatus, TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyTomlFileIsOneRule() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(TestCorpus.root().resolve("elastic"))) {
            files = walk.filter(path -> path.toString().endsWith(".toml"))
                    .map(path -> TestCorpus.root().relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(result.files()).isEqualTo(files.size());
        assertThat(result.rules().stream().map(Rule::file).sorted().toList()).isEqualTo(files);
    }

    @Test
    void activeRulesTaggedT1106() {
        long count = result.rules().stream()
                .filter(rule -> rule.active() && rule.techniques().contains("T1106"))
                .count();
        assertThat(count).isEqualTo(16);
    }

    @Test
    void activeKqlRulesAllParse() {
        assertThat(activeStatus("kql")).isEqualTo(Map.of(ParseStatus.PARSED, 729L));
    }

    @Test
    void activeEqlRulesParseOrArePartial() {
        assertThat(activeStatus("eql")).isEqualTo(Map.of(ParseStatus.PARSED, 995L, ParseStatus.PARTIAL, 29L));
    }

    @Test
    void activeEsqlRulesArePartial() {
        assertThat(activeStatus("esql")).isEqualTo(Map.of(ParseStatus.PARSED, 14L, ParseStatus.PARTIAL, 195L));
    }

    @Test
    void activeEsqlRulesWithPredicates() {
        long count = result.rules().stream()
                .filter(rule -> rule.active() && rule.language().equals("esql") && hasPredicate(rule.tree()))
                .count();
        assertThat(count).isEqualTo(202);
    }

    private static boolean hasPredicate(Node node) {
        if (node instanceof Predicate) {
            return true;
        }
        if (node instanceof Node.And and) {
            return and.children().stream().anyMatch(ElasticReaderCorpusTest::hasPredicate);
        }
        if (node instanceof Node.Or or) {
            return or.children().stream().anyMatch(ElasticReaderCorpusTest::hasPredicate);
        }
        if (node instanceof Node.Not not) {
            return hasPredicate(not.child());
        }
        return false;
    }

    @Test
    void collectionsAndActiveCounts() {
        Map<String, Long> collections = result.rules().stream()
                .collect(Collectors.groupingBy(Rule::collection, TreeMap::new, Collectors.counting()));
        assertThat(collections).isEqualTo(Map.of("_deprecated", 124L, "hunting", 140L, "rules", 1940L,
                "rules_building_block", 128L));
        assertThat(result.rules().stream().filter(Rule::active).count()).isEqualTo(2068);
    }

    /** Parse results of every rule in a language, active or not, so a new failure anywhere shows. */
    private static Map<ParseStatus, Long> allStatus(String language) {
        return result.rules().stream()
                .filter(rule -> rule.language().equals(language))
                .collect(Collectors.groupingBy(Rule::parseStatus, TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyKqlQueryParses() {
        assertThat(allStatus("kql")).isEqualTo(Map.of(ParseStatus.PARSED, 792L));
    }

    @Test
    void everyLuceneQueryParses() {
        assertThat(allStatus("lucene")).isEqualTo(Map.of(ParseStatus.PARSED, 1L));
    }

    @Test
    void everyEqlQueryParsesOrIsPartial() {
        assertThat(allStatus("eql")).isEqualTo(Map.of(ParseStatus.PARSED, 1061L, ParseStatus.PARTIAL, 33L));
    }

    @Test
    void everyEsqlQueryParsesOrIsPartial() {
        assertThat(allStatus("esql")).isEqualTo(Map.of(ParseStatus.PARSED, 14L, ParseStatus.PARTIAL, 321L));
    }

    @Test
    void everyPartialRuleSaysWhy() {
        List<String> silent = result.rules().stream()
                .filter(rule -> rule.parseStatus() != ParseStatus.PARSED)
                .filter(rule -> rule.diagnostics().stream().noneMatch(d -> d.kind() != Diagnostic.Kind.WARNING))
                .map(Rule::file)
                .toList();
        assertThat(silent).isEmpty();
    }

    @Test
    void ruleTypesOfActiveRules() {
        Map<String, Long> types = result.rules().stream().filter(Rule::active)
                .collect(Collectors.groupingBy(Rule::ruleType, TreeMap::new, Collectors.counting()));
        assertThat(types).isEqualTo(Map.of("eql", 1024L, "esql", 209L, "machine_learning", 106L, "new_terms", 241L,
                "query", 454L, "threat_match", 6L, "threshold", 28L));
    }

    @Test
    void eachRuleTypeKeepsItsParameters() {
        Map<String, String> required = Map.of("threshold", "threshold", "threat_match", "threat_mapping",
                "new_terms", "new_terms.fields", "machine_learning", "machine_learning_job_id");
        Map<String, Long> missing = result.rules().stream()
                .filter(rule -> required.containsKey(rule.ruleType()))
                .filter(rule -> !rule.properties().containsKey(required.get(rule.ruleType())))
                .collect(Collectors.groupingBy(Rule::ruleType, TreeMap::new, Collectors.counting()));
        assertThat(missing).isEmpty();
        long buildingBlocks = result.rules().stream().filter(Rule::active)
                .filter(rule -> rule.properties().containsKey("building_block_type")).count();
        assertThat(buildingBlocks).isEqualTo(128);
    }

    @Test
    void noRuleHasInvalidDiagnostic() {
        List<Diagnostic> invalid = result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                .filter(diagnostic -> diagnostic.kind() == Diagnostic.Kind.INVALID)
                .toList();
        assertThat(invalid).isEmpty();
    }
}
