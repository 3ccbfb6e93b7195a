package org.detectionatlas.sources.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackTagsTest {
    private static final List<String> TAGS = List.of("attack.execution", "attack.t1059.001", "attack.g0007",
            "cve.2021-44228", "attack.s0002", "detection.emerging-threats", "car.2013-05-002");

    @Test
    void tagsSplitIntoTechniquesTacticsCvesAndOthers() {
        assertThat(AttackTags.techniques(TAGS)).containsExactly("T1059.001");
        assertThat(AttackTags.tactics(TAGS)).containsExactly("execution");
        assertThat(AttackTags.cves(TAGS)).containsExactly("CVE-2021-44228");
        assertThat(AttackTags.others(TAGS)).containsExactly("attack.g0007", "attack.s0002",
                "detection.emerging-threats", "car.2013-05-002");
    }
}
