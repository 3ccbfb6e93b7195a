package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

/**
 * Opaque parts on the real corpus. The counts pin how many parts the readers leave without a
 * diagnostic of their own, so a reader that starts reporting them must update them here.
 */
class OpaqueDiagnosticsCorpusTest {
    private final List<Rule> rules = RealCatalog.index().catalog().rules();

    private long addedDiagnostics(Vendor vendor, boolean activeOnly) {
        return rules.stream().filter(rule -> rule.vendor() == vendor && (rule.active() || !activeOnly))
                .flatMap(rule -> rule.diagnostics().stream())
                .filter(diagnostic -> diagnostic.code().equals(OpaqueDiagnostics.CODE)).count();
    }

    @Test
    void everyActivePartialRuleHasDiagnostic() {
        for (Vendor vendor : Vendor.values()) {
            List<String> silent = rules.stream()
                    .filter(rule -> rule.vendor() == vendor && rule.active())
                    .filter(rule -> rule.parseStatus() == ParseStatus.PARTIAL)
                    .filter(rule -> rule.diagnostics().stream().allMatch(d -> d.kind() == Diagnostic.Kind.WARNING))
                    .map(Rule::file).toList();
            assertThat(silent).as(vendor.id()).isEmpty();
        }
    }

    @Test
    void everyOpaquePartIsCovered() {
        for (Vendor vendor : Vendor.values()) {
            List<String> uncovered = rules.stream().filter(rule -> rule.vendor() == vendor)
                    .filter(rule -> !OpaqueDiagnostics.uncovered(rule).isEmpty())
                    .map(Rule::file).toList();
            assertThat(uncovered).as(vendor.id()).isEmpty();
        }
    }

    @Test
    void partialRuleCountsPerVendor() {
        Map<Vendor, Long> partial = new EnumMap<>(Vendor.class);
        for (Vendor vendor : Vendor.values()) {
            partial.put(vendor, rules.stream().filter(rule -> rule.vendor() == vendor && rule.active())
                    .filter(rule -> rule.parseStatus() == ParseStatus.PARTIAL).count());
        }

        assertThat(partial).isEqualTo(Map.of(Vendor.SIGMA, 7L, Vendor.ELASTIC, 330L, Vendor.SPLUNK, 398L));
    }

    @Test
    void addedDiagnosticCountsPerVendor() {
        assertThat(addedDiagnostics(Vendor.SIGMA, false)).isZero();
        assertThat(addedDiagnostics(Vendor.ELASTIC, true)).isZero();
        assertThat(addedDiagnostics(Vendor.ELASTIC, false)).isEqualTo(11);
        assertThat(addedDiagnostics(Vendor.SPLUNK, true)).isEqualTo(762);
        assertThat(addedDiagnostics(Vendor.SPLUNK, false)).isEqualTo(856);
    }

    @Test
    void splunkFilterOnEvalFieldIsExplained() {
        Rule rule = RealCatalog.index().catalog().rule(Vendor.SPLUNK, "ccf6b7a3-bd39-4bc9-a949-143a8d640dbc")
                .orElseThrow();

        assertThat(rule.diagnostics()).filteredOn(d -> d.code().equals(OpaqueDiagnostics.CODE)).containsExactly(
                Diagnostic.unsupported("splunk/detections/application/crushftp_server_side_template_injection.yml",
                        11, "not-modelled", "At column 354 of the expanded search: the part \"message!=false\" is"
                                + " kept as opaque text, not as predicates (filter on message, a field computed by"
                                + " an earlier eval)."));
    }
}
