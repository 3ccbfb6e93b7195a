package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class TacticsFromTechniquesTest {
    private static final Map<String, Technique> TECHNIQUES = Map.of(
            "T1055.001", new Technique("T1055.001", "DLL Injection", "", List.of("privilege-escalation",
                    "defense-evasion"), "T1055", List.of(), "", false, false, true),
            "T1106", new Technique("T1106", "Native API", "", List.of("execution"), null, List.of(), "", false, false,
                    true));

    private static Rule rule(List<String> techniques, List<String> tactics) {
        return new Rule(Vendor.SPLUNK, "r", "t", "", "f", "endpoint", true, "", "", "", "spl", techniques, tactics,
                List.of(), Map.of(), "", null, List.of(), Map.of(), List.of());
    }

    @Test
    void untaggedTacticsComeFromTechniques() {
        Rule filled = TacticsFromTechniques.fill(rule(List.of("T1106", "T1055.001", "T9999"), List.of()), TECHNIQUES);

        assertThat(filled.tactics()).containsExactly("execution", "privilege-escalation", "defense-evasion");
    }

    @Test
    void taggedTacticsAreKept() {
        Rule rule = rule(List.of("T1106"), List.of("persistence"));

        assertThat(TacticsFromTechniques.fill(rule, TECHNIQUES)).isSameAs(rule);
    }
}
