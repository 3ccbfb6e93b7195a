package org.detectionatlas.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detectionatlas.analyze.Fixtures.eq;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class FieldCoverageTest {
    private static final Set<String> CANONICAL = Set.of("process.name", "process.command_line");

    private static Rule rule(Vendor vendor, String id, boolean active, Map<String, List<String>> logsource,
            List<String> tags, Node tree) {
        return new Rule(vendor, id, id, "", id + ".yml", "rules", active, "", "", "", "", List.of(), List.of(), tags,
                logsource, "", tree, List.of(), Map.of(), List.of());
    }

    private static Predicate vendorTest(String canonical, String vendorField) {
        return new Predicate(canonical, Operator.EQ, "x", false, vendorField, vendorField + ": x", null);
    }

    @Test
    void shareCountsOccurrencesOfActiveRules() {
        Rule windowsSigma = rule(Vendor.SIGMA, "s1", true, Map.of("product", List.of("windows")), List.of(),
                new Node.And(List.of(vendorTest("process.name", "Image"), vendorTest("Hash", "Hash"),
                        eq("process.command_line", "a"))));
        Rule linuxElastic = rule(Vendor.ELASTIC, "e1", true, Map.of(), List.of("OS: Linux"),
                new Node.And(List.of(eq("auditd.data.a0", "x"), eq("auditd.data.a0", "y"), eq("process.name", "z"))));
        Rule inactive = rule(Vendor.SIGMA, "old", false, Map.of("product", List.of("windows")), List.of(),
                eq("Unmapped", "x"));

        FieldCoverage coverage = FieldCoverage.of(List.of(windowsSigma, linuxElastic, inactive), CANONICAL);

        assertThat(coverage.share()).isEqualTo(new FieldCoverage.Share(0.6667, 0.5));
        assertThat(coverage.windowsTests()).isEqualTo(3);
        assertThat(coverage.allTests()).isEqualTo(6);
        assertThat(coverage.unmapped()).containsExactly(
                new FieldCoverage.UnmappedField("elastic", "auditd.data.a0", 2, 1, 0, "e1"),
                new FieldCoverage.UnmappedField("sigma", "Hash", 1, 1, 1, "s1"));
    }

    @Test
    void shareLeavesFreeTextOut() {
        Rule keywords = rule(Vendor.SIGMA, "k1", true, Map.of("product", List.of("windows")), List.of(),
                new Node.Or(List.of(Predicate.of(null, Operator.MATCH, "mimikatz", false, "mimikatz", null),
                        eq("process.name", "a"))));

        FieldCoverage coverage = FieldCoverage.of(List.of(keywords), CANONICAL);

        assertThat(coverage.share()).isEqualTo(new FieldCoverage.Share(1.0, 1.0));
        assertThat(coverage.allTests()).isEqualTo(1);
    }

    @Test
    void shareIsZeroWithoutFieldTests() {
        FieldCoverage coverage = FieldCoverage.of(List.of(), CANONICAL);

        assertThat(coverage.share()).isEqualTo(new FieldCoverage.Share(0, 0));
        assertThat(coverage.unmapped()).isEmpty();
    }

    @Test
    void windowsFollowsEachVendorsMarker() {
        Rule sigma = rule(Vendor.SIGMA, "s", true, Map.of("product", List.of("windows")), List.of(), null);
        Rule sigmaLinux = rule(Vendor.SIGMA, "l", true, Map.of("product", List.of("linux")), List.of(), null);
        Rule elastic = rule(Vendor.ELASTIC, "e", true, Map.of(), List.of("Domain: Endpoint", "OS: Windows"), null);
        Rule splunkSysmon = rule(Vendor.SPLUNK, "k", true, Map.of("data_source", List.of("Sysmon EventID 1")),
                List.of(), null);
        Rule splunkLinux = rule(Vendor.SPLUNK, "k2", true,
                Map.of("data_source", List.of("Sysmon for Linux EventID 1")), List.of(), null);
        Rule splunkSecurity = rule(Vendor.SPLUNK, "k3", true,
                Map.of("data_source", List.of("Windows Event Log Security 4688")), List.of(), null);

        assertThat(FieldCoverage.readsWindows(sigma)).isTrue();
        assertThat(FieldCoverage.readsWindows(sigmaLinux)).isFalse();
        assertThat(FieldCoverage.readsWindows(elastic)).isTrue();
        assertThat(FieldCoverage.readsWindows(splunkSysmon)).isTrue();
        assertThat(FieldCoverage.readsWindows(splunkLinux)).isFalse();
        assertThat(FieldCoverage.readsWindows(splunkSecurity)).isTrue();
    }
}
