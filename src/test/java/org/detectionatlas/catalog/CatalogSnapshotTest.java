package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.detectionatlas.analyze.Fixtures;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSnapshotTest {
    @TempDir
    Path folder;

    @Test
    void snapshotRoundTripsEveryPart() throws Exception {
        Catalog catalog = withEveryNodeKind(Fixtures.catalog());
        Path file = folder.resolve("atlas.snapshot.json");

        CatalogSnapshot.write(catalog, file);
        Catalog read = CatalogSnapshot.read(file);

        assertThat(read.rules()).isEqualTo(catalog.rules());
        assertThat(read.techniques()).isEqualTo(catalog.techniques());
        assertThat(read.events()).isEqualTo(catalog.events());
        assertThat(read.tactics()).isEqualTo(catalog.tactics());
        assertThat(read.attackVersion()).isEqualTo("18.1");
        assertThat(read.corpusRoot()).isEqualTo("/corpus");
    }

    @Test
    void snapshotOfRealCorpusRoundTrips() throws Exception {
        Catalog catalog = RealCatalog.index().catalog();
        Path file = folder.resolve("real.json");

        CatalogSnapshot.write(catalog, file);
        Catalog read = CatalogSnapshot.read(file);

        assertThat(read.rules()).isEqualTo(catalog.rules());
        assertThat(read.techniques()).isEqualTo(catalog.techniques());
        assertThat(read.events()).isEqualTo(catalog.events());
        assertThat(read.sources()).isEqualTo(catalog.sources());
        assertThat(read.replacements()).isEqualTo(catalog.replacements());
        assertThat(read.detections()).isEqualTo(catalog.detections());
        assertThat(read.lazyEvents().relativeFiles()).isEqualTo(catalog.lazyEvents().relativeFiles());
        assertThat(read.eventCount()).isEqualTo(catalog.eventCount());
    }

    @Test
    void otherFileIsRejectedWithAdvice() throws Exception {
        Path file = folder.resolve("not.json");
        Files.writeString(file, "[1, 2]");

        assertThatThrownBy(() -> CatalogSnapshot.read(file))
                .isInstanceOf(CatalogSnapshot.SnapshotException.class)
                .hasMessageStartingWith("The file " + file + " is not a Detection Atlas snapshot (")
                .hasMessageEndingWith("Write one with 'atlas build --corpus DIR --out FILE'.");
    }

    @Test
    void otherFormatIsRejected() throws Exception {
        Path file = folder.resolve("old.json");
        Files.write(file, new com.fasterxml.jackson.dataformat.smile.databind.SmileMapper()
                .writeValueAsBytes(Map.of("format", 0)));

        assertThatThrownBy(() -> CatalogSnapshot.read(file))
                .hasMessage("The snapshot " + file + " has format 0, this atlas reads 2. Rebuild it with"
                        + " 'atlas build --corpus DIR --out FILE'.");
    }

    private static Catalog withEveryNodeKind(Catalog base) {
        Node tree = new Node.Or(List.of(
                new Node.Sequence(List.of("host.id"), "5m", List.of(
                        Predicate.of("a", Operator.REGEX_MATCH, "x\\d+", true, "a : /x\\d+/", new Span(3, 4, 5, 9)),
                        new Node.Opaque("| stats count", "aggregate", Span.atLine(7))), Span.UNKNOWN),
                new Node.Not(Predicate.of(null, Operator.MATCH, "free <text>", false, "\"free <text>\"", null))));
        List<Rule> rules = new java.util.ArrayList<>(base.rules());
        rules.add(new Rule(Vendor.ELASTIC, "kinds", "Every kind", "", "elastic/rules/k.toml", "rules", true, "", "",
                "eql", "eql", List.of(), List.of(), List.of(), Map.of("index", List.of("logs-*")), "q", tree,
                List.of(Fixtures.SYSMON_1), Map.of("url", "u"), List.of(org.detectionatlas.model.Diagnostic.warning(
                        "elastic/rules/k.toml", 3, "some-code", "message"))));
        return new Catalog(base.corpusRoot(), base.attackVersion(), base.tactics(), base.techniques(), base.events(),
                rules, base.sources(), base.catalogDiagnostics(), base.stageMillis());
    }
}
