package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.FieldCoverage;
import org.junit.jupiter.api.Test;

/** The field dictionary against the field tests of the real corpus's active rules. */
class FieldCoverageCorpusTest {
    private final CatalogIndex index = RealCatalog.index();

    @Test
    void windowsShareReachesTarget() {
        assertThat(index.fieldCoverage().share().windows()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void allShareReachesTarget() {
        assertThat(index.fieldCoverage().share().all()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void statsCarryTheShare() {
        assertThat(index.stats().canonicalFieldShare()).isEqualTo(index.fieldCoverage().share());
    }

    @Test
    void unmappedListsSplunkMetadataFirst() {
        List<FieldCoverage.UnmappedField> unmapped = index.fieldCoverage().unmapped();

        assertThat(unmapped).extracting(FieldCoverage.UnmappedField::field).startsWith("source", "sourcetype",
                "eventtype");
        assertThat(unmapped).extracting(FieldCoverage.UnmappedField::field).doesNotContain("Image", "process.name",
                "CommandLine", "cs-uri-query");
    }
}
