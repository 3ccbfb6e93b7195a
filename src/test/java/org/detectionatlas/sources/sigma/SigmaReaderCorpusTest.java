package org.detectionatlas.sources.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real SigmaHQ corpus (commit 8eaafff1 of 2026-08-05) once for all tests. */
class SigmaReaderCorpusTest {

    private static RuleReadResult result;

    @BeforeAll
    static void readCorpus() {
        result = new SigmaReader().read(TestCorpus.root());
    }

    private static List<Rule> active() {
        return result.rules().stream().filter(Rule::active).collect(Collectors.toList());
    }

    @Test
    void everyRuleFileIsAccountedFor() throws IOException {
        Path root = TestCorpus.root();
        Set<String> expected;
        try (Stream<Path> walk = Files.walk(root.resolve("sigma"))) {
            expected = walk.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(file -> file.endsWith(".yml") && !file.startsWith("sigma/regression_data/"))
                    .collect(Collectors.toSet());
        }
        Set<String> read = result.rules().stream().map(Rule::file).collect(Collectors.toSet());

        assertThat(result.files()).isEqualTo(expected.size());
        assertThat(read).isEqualTo(expected);
        assertThat(result.rules()).hasSize(4039);
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void activeT1106RulesPerCollection() {
        List<Rule> tagged = active().stream()
                .filter(rule -> rule.techniques().contains("T1106"))
                .collect(Collectors.toList());
        Map<String, Long> byCollection = tagged.stream()
                .collect(Collectors.groupingBy(Rule::collection, Collectors.counting()));

        assertThat(tagged).hasSize(14);
        assertThat(byCollection).isEqualTo(Map.of("rules", 11L, "rules-threat-hunting", 2L,
                "rules-emerging-threats", 1L));
        assertThat(tagged).extracting(Rule::title).contains(
                "HackTool - HandleKatz Duplicating LSASS Handle",
                "Potential Direct Syscall of NtOpenProcess",
                "Potential WinAPI Calls Via PowerShell Scripts",
                "Suspicious Mshta.EXE Execution Patterns",
                "Turla Group Named Pipes");
        assertThat(tagged.stream().filter(rule -> rule.collection().equals("rules-emerging-threats")))
                .extracting(Rule::title).containsExactly("Turla Group Named Pipes");
    }

    @Test
    void activeRulesParseStatus() {
        Map<ParseStatus, Long> byStatus = active().stream()
                .collect(Collectors.groupingBy(Rule::parseStatus, Collectors.counting()));

        assertThat(active()).hasSize(3754);
        assertThat(byStatus.getOrDefault(ParseStatus.FAILED, 0L)).isEqualTo(0L);
        assertThat(byStatus.get(ParseStatus.PARTIAL)).isEqualTo(7L);
        assertThat(byStatus.get(ParseStatus.PARSED)).isEqualTo(3747L);
    }

    @Test
    void diagnosticCountsByCode() {
        Map<String, Long> byCode = result.rules().stream()
                .flatMap(rule -> rule.diagnostics().stream())
                .collect(Collectors.groupingBy(diagnostic -> diagnostic.kind() + " " + diagnostic.code(),
                        Collectors.counting()));

        assertThat(byCode).isEqualTo(Map.of(
                "UNSUPPORTED aggregation", 55L,
                "UNSUPPORTED fieldref", 5L, "UNSUPPORTED undefined-placeholder", 43L,
                "INVALID undefined-selection", 4L,
                "WARNING multi-document", 2L));
    }

    @Test
    void handleKatzRuleTree() {
        String file = "sigma/rules/windows/process_access/proc_access_win_hktl_handlekatz_lsass_access.yml";
        Rule rule = result.rules().stream().filter(r -> r.file().equals(file)).findFirst().orElseThrow();

        assertThat(rule.techniques()).containsExactly("T1106", "T1003.001");
        assertThat(rule.tree()).isEqualTo(new Node.And(List.of(
                predicate("TargetImage", Operator.WILDCARD, "*\\\\lsass.exe",
                        "TargetImage|endswith: '\\lsass.exe'", 20, 31),
                predicate("GrantedAccess", Operator.EQ, "0x1440", "GrantedAccess: '0x1440'", 21, 24),
                predicate("CallTrace", Operator.WILDCARD, "C:\\\\Windows\\\\System32\\\\ntdll.dll+*",
                        "CallTrace|startswith: 'C:\\Windows\\System32\\ntdll.dll+'", 23, 31),
                predicate("CallTrace", Operator.WILDCARD, "*|UNKNOWN(*", "CallTrace|contains: '|UNKNOWN('", 24,
                        29),
                predicate("CallTrace", Operator.WILDCARD, "*)", "CallTrace|endswith: ')'", 25, 29))));
    }

    @Test
    void globalActionFileIsOneRule() {
        String file = "sigma/unsupported/windows/win_remote_service.yml";
        List<Rule> rules = result.rules().stream().filter(r -> r.file().equals(file)).collect(Collectors.toList());

        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).tree()).isInstanceOf(Node.Or.class);
        // Each document's "(selection1 and not filter1) or selection2" flattens into the outer OR.
        assertThat(((Node.Or) rules.get(0).tree()).children()).hasSize(4);
        assertThat(rules.get(0).diagnostics()).extracting(Diagnostic::code).containsExactly("multi-document");
    }

    private static Predicate predicate(String field, Operator operator, String value, String original, int line,
            int column) {
        return Predicate.of(field, operator, value, false, original, new Span(line, column, -1, -1));
    }

    @Test
    void partialRulesHaveReasons() {
        List<Rule> partial = result.rules().stream()
                .filter(rule -> rule.parseStatus() == ParseStatus.PARTIAL).collect(Collectors.toList());
        List<Rule> activePartial = active().stream()
                .filter(rule -> rule.parseStatus() == ParseStatus.PARTIAL).collect(Collectors.toList());

        assertThat(partial).hasSize(92);
        assertThat(activePartial).hasSize(7);
        assertThat(partial).allSatisfy(rule -> assertThat(rule.diagnostics()).isNotEmpty());
        assertThat(active()).noneMatch(rule -> rule.parseStatus() == ParseStatus.FAILED);
    }
}
