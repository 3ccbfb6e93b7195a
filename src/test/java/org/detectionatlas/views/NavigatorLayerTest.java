package org.detectionatlas.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detectionatlas.analyze.Fixtures.eq;
import static org.detectionatlas.analyze.Fixtures.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.catalog.RealCatalog;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.events.LazyEventCatalog;
import org.junit.jupiter.api.Test;

class NavigatorLayerTest {

    private static Technique technique(String id, String parent, boolean revoked) {
        return new Technique(id, "Name of " + id, "", List.of("defense-evasion"), parent, List.of("Windows"),
                "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/", revoked, false, true);
    }

    private static Catalog catalog(List<Rule> rules) {
        Map<String, Technique> techniques = new TreeMap<>(Map.of(
                "T1158", technique("T1158", null, true),
                "T1003.099", technique("T1003.099", "T1003", true),
                "T1564", technique("T1564", null, false),
                "T1564.001", technique("T1564.001", "T1564", false),
                "T9999", Technique.unknown("T9999")));
        return new Catalog("/corpus", "18.1", List.of(), techniques, Map.of(), rules, Map.of(), List.of(),
                Map.of(), LazyEventCatalog.EMPTY, Map.of("T1158", "T1564.001"), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> techniques(Map<String, Object> layer) {
        return (List<Map<String, Object>>) layer.get("techniques");
    }

    @Test
    void revokedTagScoresReplacement() {
        List<Rule> rules = List.of(
                rule(Vendor.SIGMA, "old-tag", "Hidden Files", true, List.of("T1158"), eq("process.name", "a.exe"),
                        List.of()),
                rule(Vendor.ELASTIC, "both-tags", "Hidden Files Again", true, List.of("T1158", "T1564.001"),
                        eq("process.name", "a.exe"), List.of()),
                rule(Vendor.SPLUNK, "parent", "Hide Artifacts", true, List.of("T1564", "T9999"),
                        eq("process.name", "x.exe"), List.of()),
                rule(Vendor.SIGMA, "gone", "Revoked Without Replacement", true, List.of("T1003.099"),
                        eq("process.name", "y.exe"), List.of()));

        Map<String, Object> layer = NavigatorLayer.of(catalog(rules), rules, "Layer", "Test layer.");

        assertThat(techniques(layer)).containsExactly(
                Map.of("techniqueID", "T1564", "score", 1, "comment", "rules: sigma 0, elastic 0, splunk 1",
                        "enabled", true, "showSubtechniques", false),
                Map.of("techniqueID", "T1564.001", "score", 2, "comment", "rules: sigma 1, elastic 1, splunk 0",
                        "enabled", true, "showSubtechniques", false));
        assertThat(layer.get("gradient")).isEqualTo(Map.of("colors", List.of("#dbeafe", "#2563eb"), "minValue", 0,
                "maxValue", 2));
    }

    @Test
    void realLayerHasNoRevokedTechnique() {
        Catalog catalog = RealCatalog.index().catalog();
        List<Rule> active = catalog.rules().stream().filter(Rule::active).toList();
        long hijackRules = active.stream()
                .filter(rule -> rule.techniques().contains("T1574.001") || rule.techniques().contains("T1574.002"))
                .count();

        List<Map<String, Object>> techniques = techniques(NavigatorLayer.of(catalog, active, "All", "All rules."));

        List<String> revoked = new ArrayList<>();
        for (Map<String, Object> item : techniques) {
            String id = (String) item.get("techniqueID");
            if (catalog.technique(id).orElseThrow().revoked()) {
                revoked.add(id);
            }
        }
        assertThat(revoked).isEmpty();
        assertThat(techniques).extracting(item -> item.get("techniqueID")).doesNotContain("T1574.002", "T1547.011");
        assertThat(techniques).filteredOn(item -> item.get("techniqueID").equals("T1574.001"))
                .extracting(item -> item.get("score")).containsExactly((int) hijackRules);
    }
}
