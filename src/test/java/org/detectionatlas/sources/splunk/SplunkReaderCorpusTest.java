package org.detectionatlas.sources.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real security_content corpus. The exact counts pin the parser's coverage, so a
 * regression, or an improvement, must update them here.
 *
 * <p>Measure: {@code mvn -o -q -B test -Dtest=SplunkReaderCorpusTest} prints one line starting
 * with "splunk corpus:".
 */
class SplunkReaderCorpusTest {

    private static final long PARSED = 1215L;
    private static final long PARTIAL = 398L;

    private static RuleReadResult result;

    @BeforeAll
    static void read() {
        long started = System.nanoTime();
        result = new SplunkReader().read(TestCorpus.root());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("splunk corpus: files=" + result.files() + " rules=" + result.rules().size()
                + " active=" + activeRules().size() + " activeByStatus=" + statusCounts(activeRules())
                + " allByStatus=" + statusCounts(result.rules()) + " ruleDiagnostics=" + diagnosticCounts()
                + " readMillis=" + millis);
    }

    private static List<Rule> activeRules() {
        return result.rules().stream().filter(Rule::active).toList();
    }

    private static Map<ParseStatus, Long> statusCounts(List<Rule> rules) {
        return rules.stream().collect(Collectors.groupingBy(Rule::parseStatus, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> diagnosticCounts() {
        return result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                .collect(Collectors.groupingBy(Diagnostic::code, TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyFileIsOneRule() {
        Set<String> files = SplunkReader.yamlFiles(TestCorpus.root().resolve("splunk/detections")).stream()
                .map(path -> SplunkReader.relative(TestCorpus.root(), path))
                .collect(Collectors.toSet());
        assertThat(result.files()).isEqualTo(1711);
        assertThat(result.rules()).hasSize(1711);
        assertThat(result.rules().stream().map(Rule::file).collect(Collectors.toSet())).isEqualTo(files);
    }

    @Test
    void activeRulesExcludeDeprecated() {
        assertThat(activeRules()).hasSize(1613);
        assertThat(result.rules().stream().filter(rule -> !rule.active()).map(Rule::collection).distinct())
                .containsExactly("deprecated");
    }

    @Test
    void parseStatusOfActiveRules() {
        Map<ParseStatus, Long> counts = statusCounts(activeRules());
        assertThat(counts.getOrDefault(ParseStatus.FAILED, 0L)).isEqualTo(0L);
        assertThat(counts.get(ParseStatus.PARTIAL)).isEqualTo(PARTIAL);
        assertThat(counts.get(ParseStatus.PARSED)).isEqualTo(PARSED);
    }

    @Test
    void atLeast98PercentOfActiveRulesHaveTree() {
        long withTree = activeRules().stream().filter(rule -> rule.parseStatus() != ParseStatus.FAILED).count();
        assertThat(withTree * 100).isGreaterThanOrEqualTo(activeRules().size() * 98L);
    }

    @Test
    void ruleDiagnosticsByCode() {
        assertThat(diagnosticCounts()).isEqualTo(Map.of("inferred-data-source", 50L, "unknown-data-source", 29L, "unknown-spl-command", 1L,
                "unsupported-spl", 2L));
    }

    /** Every search of the corpus, deprecated ones included: any new parse problem fails here. */
    @Test
    void everySearchParsesButTheKnownProblems() {
        Set<String> codes = Set.of("invalid-spl", "unsupported-spl", "unknown-spl-command", "macro-recursion",
                "missing-search", "too-deep", "reader-failure");
        List<String> problems = result.rules().stream()
                .flatMap(rule -> rule.diagnostics().stream())
                .filter(diagnostic -> codes.contains(diagnostic.code()))
                .map(diagnostic -> diagnostic.file() + " " + diagnostic.code() + ": " + diagnostic.message())
                .sorted()
                .toList();
        assertThat(problems).containsExactly(
                // A subsearch of append starts with tstats but no pipe, so it is read as search terms.
                "splunk/detections/deprecated/detection_of_dns_tunnels.yml unsupported-spl: At column 952 of the "
                        + "expanded search: Found \",\" where a search term, a field comparison, \"(\" or \")\" was "
                        + "expected.",
                // A quoted macro call whose definition is quoted too gives ""-70m@m"".
                "splunk/detections/endpoint/first_time_seen_child_process_of_zoom.yml unsupported-spl: At column 675 "
                        + "of the expanded search: Found \"@m\" where a field, a value, a function call, an operator "
                        + "or a parenthesis was expected.",
                "splunk/detections/network/ssl_certificates_with_punycode.yml unknown-spl-command: At column 553 of "
                        + "the expanded search: The command \"cyberchef\" is not one Detection Atlas knows, so it was "
                        + "skipped; a later filter on a field it sets is read as a filter on the event.");
    }

    @Test
    void undefinedMacrosListedOnce() {
        assertThat(result.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "The macro `cim_corporate_web_domain_search` is called by 1 detection(s) but not defined under "
                        + "splunk/macros; a call before the first transforming command becomes an Opaque part of "
                        + "the tree.",
                "The macro `drop_dm_object_name` is called by 898 detection(s) but not defined under splunk/macros; "
                        + "a call before the first transforming command becomes an Opaque part of the tree.",
                "The macro `get_asset` is called by 1 detection(s) but not defined under splunk/macros; a call "
                        + "before the first transforming command becomes an Opaque part of the tree.",
                "1711 `*_filter` macros called by 1711 detection(s) are not defined under splunk/macros; each is "
                        + "an empty customer filter, so it is dropped from the search.");
    }

    @Test
    void sysmonProcessCreationRulesResolveEvent() {
        Rule rule = result.rules().stream()
                .filter(candidate -> candidate.file().equals(
                        "splunk/detections/endpoint/windows_security_account_manager_stopped.yml"))
                .findFirst().orElseThrow();
        assertThat(rule.properties()).containsEntry("datamodel", "Endpoint.Processes");
        assertThat(rule.parseStatus()).isEqualTo(ParseStatus.PARSED);
        assertThat(rule.logsource().get("data_source")).contains("Sysmon EventID 1");
        assertThat(rule.events()).contains(new EventKey("Microsoft-Windows-Sysmon", "1"));
    }

    @Test
    void everyActiveRuleLinksItsStories() {
        assertThat(activeRules().stream().filter(rule -> rule.properties().containsKey("storyLinks")).count())
                .isEqualTo(1613L);
        Rule rule = result.rules().stream()
                .filter(candidate -> candidate.file().equals(
                        "splunk/detections/endpoint/windows_security_account_manager_stopped.yml"))
                .findFirst().orElseThrow();
        assertThat(rule.properties()).containsEntry("storyLinks",
                "Ryuk Ransomware\thttps://github.com/splunk/security_content/blob/develop/stories/ryuk_ransomware.yml");
    }

    @Test
    void activeRulesWithWindowsEvents() {
        long withEvents = activeRules().stream().filter(rule -> !rule.events().isEmpty()).count();
        assertThat(withEvents).isEqualTo(995L);
        Set<String> providers = result.rules().stream().flatMap(rule -> rule.events().stream())
                .map(EventKey::provider).collect(Collectors.toCollection(TreeSet::new));
        assertThat(providers).containsExactly(
                "Microsoft-Windows-CAPI2",
                "Microsoft-Windows-CertificateServicesClient-Lifecycle-System",
                "Microsoft-Windows-PowerShell",
                "Microsoft-Windows-PrintService",
                "Microsoft-Windows-Security-Auditing",
                "Microsoft-Windows-Sysmon",
                "Microsoft-Windows-TaskScheduler",
                "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
                "Microsoft-Windows-Windows Defender",
                "Service Control Manager");
    }
}
