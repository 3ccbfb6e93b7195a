package org.detectionatlas.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void editDistanceCountsEdits() {
        assertThat(Names.editDistance("endwith", "endswith")).isEqualTo(1);
        assertThat(Names.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Names.editDistance("", "abc")).isEqualTo(3);
    }

    @Test
    void nearestRespectsMaximum() {
        assertThat(Names.nearest("selektion", List.of("selection", "filter"), 2)).isEqualTo("selection");
        assertThat(Names.nearest("xyz", List.of("selection", "filter"), 2)).isNull();
    }
}
