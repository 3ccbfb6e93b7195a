package org.detectionatlas.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detectionatlas.analyze.Fixtures.eq;
import static org.detectionatlas.analyze.Fixtures.rule;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.events.LazyEventCatalog;
import org.junit.jupiter.api.Test;

/** Revoked techniques redirect their rules; parents can include their sub-techniques' rules. */
class TechniqueRedirectTest {

    private static Technique technique(String id, String parent, boolean revoked) {
        return new Technique(id, "Name of " + id, "", List.of("defense-evasion"), parent, List.of("Windows"),
                "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/", revoked, false, true);
    }

    private static CatalogIndex index() {
        List<Rule> rules = List.of(
                rule(Vendor.SIGMA, "old-tag", "Hidden Files", true, List.of("T1158"), eq("process.name", "attrib.exe"),
                        List.of()),
                rule(Vendor.ELASTIC, "both-tags", "Hidden Files Again", true, List.of("T1158", "T1564.001"),
                        eq("process.name", "attrib.exe"), List.of()),
                rule(Vendor.SPLUNK, "parent", "Hide Artifacts", true, List.of("T1564"), eq("process.name", "x.exe"),
                        List.of()));
        Map<String, Technique> techniques = new TreeMap<>(Map.of(
                "T1158", technique("T1158", null, true),
                "T1564", technique("T1564", null, false),
                "T1564.001", technique("T1564.001", "T1564", false)));
        Catalog catalog = new Catalog("/corpus", "18.1", List.of(), techniques, Map.of(), rules, Map.of(), List.of(),
                Map.of(), LazyEventCatalog.EMPTY, Map.of("T1158", "T1564.001"), Map.of());
        return new CatalogIndex(catalog);
    }

    @Test
    void replacementListsRevokedTagsApart() {
        TechniqueReport report = index().technique("T1564.001").orElseThrow();

        assertThat(report.rules()).extracting(RuleRef::id).containsExactly("both-tags");
        assertThat(report.replacedRules()).extracting(RuleRef::id).containsExactly("old-tag");
        assertThat(report.rulesByVendor()).isEqualTo(Map.of("sigma", 0, "elastic", 1, "splunk", 0));
        assertThat(report.replaces()).containsExactly("T1158");
        assertThat(report.replacedBy()).isNull();
    }

    @Test
    void revokedReportNamesItsReplacement() {
        TechniqueReport report = index().technique("T1158").orElseThrow();

        assertThat(report.revoked()).isTrue();
        assertThat(report.replacedBy()).isEqualTo("T1564.001");
        assertThat(report.rules()).extracting(RuleRef::id).containsExactly("old-tag", "both-tags");
    }

    @Test
    void parentIncludesSubtechniqueRulesOnRequest() {
        CatalogIndex index = index();

        assertThat(index.technique("T1564").orElseThrow().rules()).extracting(RuleRef::id).containsExactly("parent");
        TechniqueReport withSubtechniques = index.technique("T1564", true).orElseThrow();
        assertThat(withSubtechniques.includesSubtechniques()).isTrue();
        assertThat(withSubtechniques.rules()).extracting(RuleRef::id).containsExactly("both-tags", "parent");
        assertThat(withSubtechniques.rulesByVendor()).isEqualTo(Map.of("sigma", 0, "elastic", 1, "splunk", 1));
    }
}
