package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class TechniqueIdCheckTest {
    private static Rule rule(Vendor vendor, List<String> techniques, List<String> tags) {
        return new Rule(vendor, "r1", "t", "", "x/r1.yml", "rules", true, "", "", "", "", techniques, List.of(), tags,
                Map.of(), "", null, List.of(), Map.of(), List.of());
    }

    @Test
    void malformedIdIsRemovedWithDiagnostic() {
        Rule checked = TechniqueIdCheck.check(rule(Vendor.ELASTIC, List.of("T1106", "T1106<SCRIPT>"), List.of()));

        assertThat(checked.techniques()).containsExactly("T1106");
        assertThat(checked.diagnostics()).containsExactly(Diagnostic.invalid("x/r1.yml", -1, "invalid-technique-id",
                "The technique id 'T1106<SCRIPT>' is not an ATT&CK technique id; expected T and four digits,"
                        + " optionally a dot and three digits (T1106, T1055.001). The rule is not counted under it."));
    }

    @Test
    void malformedSigmaTagIsReported() {
        Rule checked = TechniqueIdCheck.check(rule(Vendor.SIGMA, List.of(), List.of("attack.t99999", "attack.t1106",
                "attack.execution")));

        assertThat(checked.diagnostics()).extracting(Diagnostic::message).singleElement().asString()
                .startsWith("The technique id 'attack.t99999' is not");
    }

    @Test
    void validRuleIsReturnedUnchanged() {
        Rule rule = rule(Vendor.SPLUNK, List.of("T1055.001"), List.of());

        assertThat(TechniqueIdCheck.check(rule)).isSameAs(rule);
    }
}
