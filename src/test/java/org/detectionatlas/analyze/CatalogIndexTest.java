package org.detectionatlas.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {
    private final CatalogIndex index = new CatalogIndex(Fixtures.catalog());

    @Test
    void coverageWithSubtechniquesCountsEachRuleOnce() {
        Catalog base = Fixtures.catalog();
        List<Rule> rules = new java.util.ArrayList<>(base.rules());
        rules.add(Fixtures.rule(Vendor.SIGMA, "both", "Tagged Twice", true, List.of("T1059", "T1059.001"),
                Fixtures.eq("process.name", "powershell.exe"), List.of()));
        rules.add(Fixtures.rule(Vendor.ELASTIC, "sub", "Sub Only", true, List.of("T1059.001"),
                Fixtures.eq("process.name", "pwsh.exe"), List.of()));
        CatalogIndex withSubs = new CatalogIndex(new Catalog(base.corpusRoot(), base.attackVersion(), base.tactics(),
                base.techniques(), base.events(), rules, base.sources(), base.catalogDiagnostics(), base.stageMillis()));

        // T1059: k1 (splunk), "broken" (sigma, no tree but active), "both" (sigma), "sub" (elastic).
        assertThat(withSubs.coverageWithSubtechniques().get("T1059"))
                .containsExactly(Map.entry("sigma", 2), Map.entry("elastic", 1), Map.entry("splunk", 1));
        assertThat(withSubs.coverage().get("T1059"))
                .containsExactly(Map.entry("sigma", 2), Map.entry("elastic", 0), Map.entry("splunk", 1));
        assertThat(withSubs.coverage().get("T1059.001"))
                .containsExactly(Map.entry("sigma", 1), Map.entry("elastic", 1), Map.entry("splunk", 0));
    }

    @Test
    void statsCountOnlyCurrentAttackTechniques() {
        // T1106 and T1059 are defined; T1685 is named by a rule only.
        assertThat(index.stats().techniques()).isEqualTo(2);
        assertThat(index.stats().techniquesWithRules()).isEqualTo(2);
        assertThat(index.stats().unknownTechniques()).isEqualTo(1);
    }

    @Test
    void techniqueCountsActiveExactIdRules() {
        TechniqueReport report = index.technique("t1106").orElseThrow();

        assertThat(report.rulesByVendor()).isEqualTo(Map.of("sigma", 1, "elastic", 1, "splunk", 0));
        assertThat(report.rules()).extracting(RuleRef::id).containsExactly("s1", "e1");
        assertThat(report.inactiveRules()).extracting(RuleRef::id).containsExactly("old");
    }

    @Test
    void eventsAreCountedPerRuleWithCatalogTitles() {
        TechniqueReport report = index.technique("T1106").orElseThrow();

        assertThat(report.events()).containsExactly(
                new TechniqueReport.EventUse("Microsoft-Windows-Sysmon", "Sysmon", "1", "Process creation", 2, true),
                new TechniqueReport.EventUse("Microsoft-Windows-Security-Auditing", "Security-Auditing", "4688", "", 1,
                        false));
    }

    @Test
    void indicatorReachCountsRulesOfEveryTechnique() {
        TechniqueReport report = index.technique("T1106").orElseThrow();

        assertThat(report.indicators().get(0)).isEqualTo(
                new TechniqueReport.IndicatorUse("process.name", "eq", "rundll32.exe", 2, 3, false));
        assertThat(report.indicators()).contains(
                new TechniqueReport.IndicatorUse("GrantedAccess", "eq", "0x1fffff", 1, 1, true));
        assertThat(report.indicators()).extracting(TechniqueReport.IndicatorUse::field)
                .doesNotContain("process.parent.executable");
    }

    @Test
    void exclusionsComeFromTopLevelNots() {
        TechniqueReport report = index.technique("T1106").orElseThrow();

        assertThat(report.exclusions()).containsExactly(
                new TechniqueReport.ExclusionUse("process.parent.executable", "wildcard", "C:\\Windows\\*", 1));
    }

    @Test
    void fieldsCountRulesOperatorsAndSamples() {
        TechniqueReport report = index.technique("T1106").orElseThrow();

        TechniqueReport.FieldUse name = report.fields().get(0);
        assertThat(name.field()).isEqualTo("process.name");
        assertThat(name.rules()).isEqualTo(2);
        assertThat(name.operators()).isEqualTo(Map.of("eq", 2));
        assertThat(name.samples()).containsExactly("rundll32.exe");
        assertThat(name.sampleOperators()).containsExactly("eq");
        assertThat(report.fields()).hasSize(4);
    }

    @Test
    void unknownIdNamedByRulesHasAReport() {
        TechniqueReport report = index.technique("T1685").orElseThrow();

        assertThat(report.known()).isFalse();
        assertThat(report.rules()).extracting(RuleRef::id).containsExactly("e1");
    }

    @Test
    void idNamedByNothingHasNoReport() {
        assertThat(index.technique("T9999")).isEmpty();
    }

    @Test
    void statsCountParseStatusOfActiveRules() {
        CatalogStats.VendorStats sigma = index.stats().vendors().get("sigma");

        assertThat(sigma.rules()).isEqualTo(3);
        assertThat(sigma.active()).isEqualTo(new CatalogStats.Counts(2, 1, 0, 1));
    }

    @Test
    void ruleReportListsIndicatorsWithReach() {
        RuleReport report = index.rule(Vendor.SPLUNK, "k1").orElseThrow();

        assertThat(report.indicators()).extracting(RuleReport.PredicateView::corpusReach).containsExactly(3, 1);
        assertThat(report.notation()).isEqualTo("and(eq(process.name, \"rundll32.exe\"), eq(process.args, \"-enc\"))");
        assertThat(report.indicators().get(0).operator()).isEqualTo(Operator.EQ.id());
        assertThat(report.exclusions()).isEqualTo(List.of());
    }
}
