package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.junit.jupiter.api.Test;

class WindashGroupingTest {

    @Test
    void groupWritesEveryDashVariantAsHyphen() {
        for (String variant : new String[] {" -enc ", " /enc ", " \u2013enc ", " \u2014enc ", " \u2015enc "}) {
            assertThat(WindashGrouping.group("*" + variant + "*")).as(variant).isEqualTo("* -enc *");
        }
    }

    @Test
    void groupKeepsDashesInsideWords() {
        assertThat(WindashGrouping.group("*y-z/w*")).isEqualTo("*y-z/w*");
    }

    @Test
    void isExpansionReadsTheModifier() {
        Predicate windash = Predicate.of("CommandLine", Operator.WILDCARD, "* /enc *", false,
                "CommandLine|contains|windash: ' -enc '", null);
        Predicate plain = Predicate.of("CommandLine", Operator.WILDCARD, "*|windash*", false,
                "CommandLine|contains: '|windash'", null);

        assertThat(WindashGrouping.isExpansion(windash)).isTrue();
        assertThat(WindashGrouping.isExpansion(plain)).isFalse();
    }

    @Test
    void comparisonFormGroupsOnlyExpansions() {
        Predicate windash = Predicate.of("process.command_line", Operator.WILDCARD, "* /ENC *", false,
                "CommandLine|contains|windash: ' -enc '", null);
        Predicate plain = Predicate.of("process.command_line", Operator.WILDCARD, "* /c *", false,
                "CommandLine|contains: ' /c '", null);

        assertThat(ComparisonForm.value(windash)).isEqualTo("* -enc *");
        assertThat(ComparisonForm.value(plain)).isEqualTo("* /c *");
    }
}
