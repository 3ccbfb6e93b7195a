package org.detectionatlas.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralsTest {

    @Test
    void countIsSingularOnlyForOne() {
        assertThat(Plurals.count(0, "rule")).isEqualTo("0 rules");
        assertThat(Plurals.count(1, "rule")).isEqualTo("1 rule");
        assertThat(Plurals.count(2, "rule")).isEqualTo("2 rules");
    }
}
