package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.analyze.TechniqueReport;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the real corpus, checked against counts taken straight from the files. */
class CorpusCatalogTest {
    private final CatalogIndex index = RealCatalog.index();
    private final Path corpus = TestCorpus.root();

    @Test
    void nativeApiSigmaRulesByCollection() {
        TechniqueReport report = index.technique("T1106").orElseThrow();
        List<RuleRef> sigma = report.rules().stream().filter(rule -> rule.vendor().equals("sigma")).toList();

        assertThat(report.name()).isEqualTo("Native API");
        assertThat(sigma).extracting(RuleRef::collection).containsExactlyInAnyOrder("rules", "rules", "rules", "rules",
                "rules", "rules", "rules", "rules", "rules", "rules", "rules", "rules-threat-hunting",
                "rules-threat-hunting", "rules-emerging-threats");
        assertThat(sigma).extracting(RuleRef::title).contains("HackTool - HandleKatz Duplicating LSASS Handle",
                "Potential Direct Syscall of NtOpenProcess", "Potential WinAPI Calls Via PowerShell Scripts",
                "Suspicious Mshta.EXE Execution Patterns");
        assertThat(sigma).filteredOn(rule -> rule.collection().equals("rules-emerging-threats"))
                .extracting(RuleRef::title).singleElement().asString().contains("Turla");
        assertThat(report.rulesByVendor().get("elastic")).isEqualTo(16);
    }

    @Test
    void nativeApiEventsCarryCatalogTitles() {
        TechniqueReport report = index.technique("T1106").orElseThrow();
        Map<String, String> titles = new HashMap<>();
        report.events().forEach(event -> titles.put(event.shortProvider() + " " + event.eventId(), event.title()));

        assertThat(titles).containsEntry("Sysmon 1", "Process creation");
        assertThat(titles).containsEntry("Sysmon 10", "ProcessAccess");
        assertThat(titles).containsEntry("Security-Auditing 4688", "A new process has been created");
        assertThat(titles).containsKey("PowerShell 4104");
        assertThat(titles.get("PowerShell 4104")).isNotBlank();
    }

    @Test
    void nativeApiCountsMatchTagsInTheFiles() {
        TechniqueReport report = index.technique("T1106").orElseThrow();

        assertThat(report.rulesByVendor()).isEqualTo(Map.of(
                "sigma", countFiles("sigma", this::activeSigma, "(?m)^\\s*-\\s*attack\\.t1106\\s*$"),
                "elastic", countFiles("elastic", this::activeElastic, "(?m)^\\s*id\\s*=\\s*\"T1106\"\\s*$"),
                "splunk", countFiles("splunk/detections", this::activeSplunk, "(?m)^\\s*-\\s*T1106\\s*$")));
    }

    @Test
    void everyTechniqueCountsTheActiveRulesNamingIt() {
        Map<String, Map<String, Integer>> expected = new HashMap<>();
        for (Rule rule : index.catalog().rules()) {
            if (!rule.active()) {
                continue;
            }
            for (String id : rule.techniques()) {
                expected.computeIfAbsent(id, key -> new HashMap<>(Map.of("sigma", 0, "elastic", 0, "splunk", 0)))
                        .merge(rule.vendor().id(), 1, Integer::sum);
            }
        }
        assertThat(expected).isNotEmpty();
        expected.forEach((id, counts) -> assertThat(index.technique(id).orElseThrow().rulesByVendor())
                .as(id).isEqualTo(counts));
    }

    @Test
    void revokedTagIsListedApartOnReplacement() {
        List<Rule> tagged = index.catalog().rules().stream().filter(Rule::active)
                .filter(rule -> rule.techniques().contains("T1574.002")).toList();
        TechniqueReport replacement = index.technique("T1574.001").orElseThrow();

        assertThat(index.catalog().replacementOf("T1574.002")).isEqualTo("T1574.001");
        assertThat(tagged).isNotEmpty();
        assertThat(replacement.replaces()).contains("T1574.002");
        assertThat(replacement.replacedRules()).extracting(RuleRef::id)
                .containsAll(tagged.stream().filter(rule -> !rule.techniques().contains("T1574.001"))
                        .map(Rule::id).toList());
        assertThat(replacement.rules()).extracting(RuleRef::id)
                .doesNotContainAnyElementsOf(tagged.stream().filter(rule -> !rule.techniques().contains("T1574.001"))
                        .map(Rule::id).toList());
    }

    @Test
    void powershellAnalyticsNameScriptBlockEvent() {
        TechniqueReport report = index.technique("T1059.001").orElseThrow();

        assertThat(report.detectionStrategies()).isNotEmpty();
        assertThat(report.analyticEvents()).anySatisfy(event -> {
            assertThat(event.provider()).isEqualTo("Microsoft-Windows-PowerShell");
            assertThat(event.eventId()).isEqualTo("4104");
            assertThat(event.inCatalog()).isTrue();
            assertThat(event.readByRules()).isTrue();
        });
        assertThat(report.analyticEvents()).anySatisfy(event -> {
            assertThat(event.provider()).isEqualTo("PowerShell");
            assertThat(event.eventId()).isEqualTo("400");
            assertThat(event.inCatalog()).isTrue();
            assertThat(event.readByRules()).isTrue();
        });
    }

    @Test
    void everyRuleFileIsAccountedFor() {
        for (Vendor vendor : Vendor.values()) {
            Catalog.SourceSummary source = index.catalog().sources().get(vendor);
            long filesWithRules = index.catalog().rules().stream().filter(rule -> rule.vendor() == vendor)
                    .map(Rule::file).distinct().count();
            assertThat(filesWithRules).as(vendor.id()).isEqualTo(source.files());
        }
    }

    private boolean activeSigma(Path file) {
        String relative = corpus.resolve("sigma").relativize(file).toString();
        return relative.startsWith("rules/") || relative.startsWith("rules-threat-hunting/")
                || relative.startsWith("rules-emerging-threats/");
    }

    private boolean activeElastic(Path file) {
        String relative = corpus.resolve("elastic").relativize(file).toString();
        return (relative.startsWith("rules/") && !relative.startsWith("rules/_deprecated/"))
                || relative.startsWith("rules_building_block/");
    }

    private boolean activeSplunk(Path file) {
        return !corpus.resolve("splunk/detections").relativize(file).toString().startsWith("deprecated/");
    }

    private int countFiles(String folder, java.util.function.Predicate<Path> active, String regex) {
        Pattern pattern = Pattern.compile(regex);
        try (Stream<Path> files = Files.walk(corpus.resolve(folder))) {
            return (int) files.filter(Files::isRegularFile).filter(active)
                    .filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".toml"))
                    .filter(file -> pattern.matcher(read(file)).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
