package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

/** How the active Elastic rules of the real corpus map to catalog events. */
class ElasticEventMappingCorpusTest {

    private static List<Rule> activeElasticRules() {
        return RealCatalog.index().catalog().rules().stream()
                .filter(rule -> rule.vendor() == Vendor.ELASTIC && rule.active())
                .toList();
    }

    /** Returns the platforms of a rule's events, such as "linux" or "linux+windows". */
    private static String platforms(Rule rule) {
        Map<String, CatalogEvent> events = RealCatalog.index().catalog().events().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toString(), Map.Entry::getValue));
        return rule.events().stream().map(key -> events.get(key.toString()))
                .map(event -> event == null ? "unknown" : event.platform())
                .distinct().sorted().collect(Collectors.joining("+"));
    }

    private static String os(Rule rule) {
        return rule.tags().stream().filter(tag -> tag.startsWith("OS: ")).map(tag -> tag.substring(4))
                .sorted().collect(Collectors.joining("+"));
    }

    /**
     * Rules counted by their "OS: ..." tags and the platforms of the events they map to. Before
     * platforms were read, 409 Linux and 93 macOS rules mapped to Windows events.
     */
    @Test
    void eventsFollowTheRulePlatform() {
        Map<String, Long> byOs = activeElasticRules().stream().filter(rule -> !rule.events().isEmpty())
                .collect(Collectors.groupingBy(rule -> os(rule) + " -> " + platforms(rule), TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> expected = new TreeMap<>();
        expected.put(" -> unknown+windows", 1L);
        expected.put(" -> windows", 49L);
        expected.put("Linux -> linux", 398L);
        expected.put("Linux+Windows -> linux+windows", 4L);
        expected.put("Linux+Windows -> windows", 1L);
        expected.put("Linux+Windows+macOS -> linux+windows", 36L);
        expected.put("Linux+Windows+macOS -> windows", 3L);
        expected.put("Linux+macOS -> linux", 30L);
        expected.put("Windows -> unknown+windows", 1L);
        expected.put("Windows -> windows", 535L);
        expected.put("Windows+macOS -> windows", 5L);
        assertThat(byOs).isEqualTo(expected);
    }

    @Test
    void activeRulesWithAnEvent() {
        assertThat(activeElasticRules().stream().filter(rule -> !rule.events().isEmpty()).count()).isEqualTo(1063);
    }

    @Test
    void powershellIndexRulesReadScriptBlockEvent() {
        Rule psReflect = RealCatalog.index().catalog().rule(Vendor.ELASTIC, "56f2e9b5-4803-4e44-a0a4-a52dc79d57fe")
                .orElseThrow();
        List<Rule> scriptBlockRules = activeElasticRules().stream()
                .filter(rule -> rule.logsource().getOrDefault("index", List.of()).stream()
                        .anyMatch(index -> index.startsWith("logs-windows.powershell")))
                .filter(rule -> rule.query().contains("powershell.file.script_block_text"))
                .toList();

        assertThat(psReflect.events()).containsExactly(
                new org.detectionatlas.model.EventKey("Microsoft-Windows-PowerShell", "4104"));
        assertThat(scriptBlockRules).hasSize(47);
        assertThat(scriptBlockRules).allSatisfy(rule -> assertThat(rule.events()).as(rule.id())
                .contains(new org.detectionatlas.model.EventKey("Microsoft-Windows-PowerShell", "4104")));
    }
}
