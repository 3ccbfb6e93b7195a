package org.detectionatlas.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.junit.jupiter.api.Test;

class IndicatorKeyTest {

    @Test
    void keyFoldsCaseSensitiveImageNames() {
        Predicate sigma = new Predicate("process.name", Operator.EQ, "rundll32.exe", false, "Image",
                "Image|endswith: '\\rundll32.exe'", null, Operator.WILDCARD, "*\\\\rundll32.exe");
        Predicate elastic = Predicate.of("process.name", Operator.EQ, "RUNDLL32.EXE", true,
                "process.name : \"RUNDLL32.EXE\"", null);

        assertThat(IndicatorKey.of(elastic)).isEqualTo(IndicatorKey.of(sigma));
        assertThat(IndicatorKey.of(sigma)).isEqualTo(new IndicatorKey("process.name", Operator.EQ, "rundll32.exe"));
    }

    @Test
    void keyGroupsWindashVariants() {
        Predicate slash = Predicate.of("process.command_line", Operator.WILDCARD, "* /enc *", false,
                "CommandLine|contains|windash: ' -enc '", null);
        Predicate emDash = Predicate.of("process.command_line", Operator.WILDCARD, "* \u2014enc *", false,
                "CommandLine|contains|windash: ' -enc '", null);

        assertThat(IndicatorKey.of(slash)).isEqualTo(IndicatorKey.of(emDash));
        assertThat(IndicatorKey.of(slash).value()).isEqualTo("* -enc *");
    }
}
