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

    private Catalog roundTrip(Catalog catalog) throws Exception {
        Path file = folder.resolve("atlas.snapshot");
        CatalogSnapshot.write(catalog, file);
        return CatalogSnapshot.read(file);
    }

    @Test
    void snapshotRoundTripsEveryPart() throws Exception {
        Catalog catalog = withEveryNodeKind(Fixtures.catalog());

        Catalog read = roundTrip(catalog);

        assertThat(read.rules()).isEqualTo(catalog.rules());
        assertThat(read.techniques()).isEqualTo(catalog.techniques());
        assertThat(read.events()).isEqualTo(catalog.events());
        assertThat(read.tactics()).isEqualTo(catalog.tactics());
        assertThat(read.sources()).isEqualTo(catalog.sources());
        assertThat(read.catalogDiagnostics()).isEqualTo(catalog.catalogDiagnostics());
        assertThat(read.stageMillis()).isEqualTo(Map.of("sigma", 1234L));
        assertThat(read.replacements()).isEqualTo(Map.of("T1086", "T1059.001"));
        assertThat(read.detections()).isEqualTo(catalog.detections());
        assertThat(read.lazyEvents().relativeFiles()).isEqualTo(Map.of(Fixtures.SECURITY_4688,
                List.of("events/a.yml", "events/b.yml")));
        assertThat(read.attackVersion()).isEqualTo("18.1");
        assertThat(read.corpusRoot()).isEqualTo("/corpus");
    }

    @Test
    void repeatedStringsDecodeToOneInstance() throws Exception {
        Catalog read = roundTrip(withEveryNodeKind(Fixtures.catalog()));

        // "process.name" is the field of three rules' first predicates.
        String first = ((Predicate) ((Node.And) read.rules().get(0).tree()).children().get(0)).field();
        String second = ((Predicate) ((Node.And) read.rules().get(1).tree()).children().get(0)).field();
        assertThat(first).isEqualTo("process.name").isSameAs(second);
    }

    @Test
    void truncatedSnapshotIsReportedAsDamaged() throws Exception {
        Path file = folder.resolve("atlas.snapshot");
        CatalogSnapshot.write(withEveryNodeKind(Fixtures.catalog()), file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 10));

        assertThatThrownBy(() -> CatalogSnapshot.read(file))
                .isInstanceOf(CatalogSnapshot.SnapshotException.class)
                .hasMessage("The snapshot " + file + " is damaged (its header gives a catalog of " + (whole.length - 37)
                        + " bytes, but the file contains " + (whole.length - 47) + "). Rebuild it with"
                        + " 'atlas build --corpus DIR --out FILE'.");
    }

    @Test
    void flippedByteFailsChecksum() throws Exception {
        Path file = folder.resolve("atlas.snapshot");
        CatalogSnapshot.write(withEveryNodeKind(Fixtures.catalog()), file);
        byte[] whole = Files.readAllBytes(file);
        int rejected = 0;
        for (int at = 37; at < whole.length; at += 7) {
            byte[] copy = whole.clone();
            copy[at] = (byte) (copy[at] ^ 0x01);
            Files.write(file, copy);
            assertThatThrownBy(() -> CatalogSnapshot.read(file)).hasMessage("The snapshot " + file + " is damaged (its"
                    + " CRC-32 checksum does not match: the file changed after it was written). Rebuild it with"
                    + " 'atlas build --corpus DIR --out FILE'.");
            rejected++;
        }
        assertThat(rejected).isEqualTo((whole.length - 37 + 6) / 7);
    }

    @Test
    void codecReadsOrRejectsEveryFlippedByte() {
        byte[] encoded = SnapshotCodec.encode(withEveryNodeKind(Fixtures.catalog()));
        int rejected = 0;
        for (int at = 0; at < encoded.length; at++) {
            byte[] copy = encoded.clone();
            copy[at] = (byte) (copy[at] ^ 0xFF);
            try {
                SnapshotCodec.decode(copy, 0, copy.length);
            } catch (SnapshotCodec.DamagedException | IllegalArgumentException | NullPointerException e) {
                rejected++;
            }
        }
        // Any other exception fails the test. A flipped byte inside a text only changes that text,
        // so only some flips are rejected; the file's checksum catches the others.
        assertThat(rejected).isBetween(1, encoded.length);
    }

    @Test
    void snapshotOfRealCorpusRoundTrips() throws Exception {
        Catalog catalog = RealCatalog.index().catalog();

        Catalog read = roundTrip(catalog);

        assertThat(read.rules()).isEqualTo(catalog.rules());
        assertThat(read.techniques()).isEqualTo(catalog.techniques());
        assertThat(read.events()).isEqualTo(catalog.events());
        assertThat(read.sources()).isEqualTo(catalog.sources());
        assertThat(read.replacements()).isEqualTo(catalog.replacements());
        assertThat(read.detections()).isEqualTo(catalog.detections());
        assertThat(read.lazyEvents().relativeFiles()).isEqualTo(catalog.lazyEvents().relativeFiles());
        assertThat(read.eventCount()).isEqualTo(catalog.eventCount());
        assertThat(read.catalogDiagnostics()).isEqualTo(catalog.catalogDiagnostics());
        assertThat(read.tactics()).isEqualTo(catalog.tactics());
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
        Path file = folder.resolve("future.snapshot");
        Files.write(file, java.nio.ByteBuffer.allocate(25 + 8).put("DETECTION-ATLAS-SNAPSHOT\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).putInt(5).putInt(0).array());

        assertThatThrownBy(() -> CatalogSnapshot.read(file))
                .hasMessage("The snapshot " + file + " has format 5, this atlas reads 4. Rebuild it with"
                        + " 'atlas build --corpus DIR --out FILE'.");
    }

    @Test
    void smileSnapshotIsRejectedAsOlderFormat() throws Exception {
        Path file = folder.resolve("old.smile");
        Files.write(file, new byte[] {':', ')', '\n', 5, (byte) 0xFA});

        assertThatThrownBy(() -> CatalogSnapshot.read(file))
                .hasMessage("The snapshot " + file + " has format 2 or older, this atlas reads 4. Rebuild it with"
                        + " 'atlas build --corpus DIR --out FILE'.");
    }

    private static Catalog withEveryNodeKind(Catalog base) {
        String longValue = "C:\\Users\\é\u4e2d\\".repeat(40);
        Node tree = new Node.Or(List.of(
                new Node.Sequence(List.of("host.id"), "5m", List.of(
                        Predicate.of("a", Operator.REGEX_MATCH, "x\\d+", true, "a : /x\\d+/", new Span(3, 4, 5, 9)),
                        new Node.Opaque("| stats count", "aggregate", Span.atLine(7))), Span.UNKNOWN,
                        List.of(List.of("user.id"), List.of()), List.of(1, 3),
                        Predicate.of("b", Operator.EXISTS, "", false, "b", null), false),
                new Predicate("process.command_line", Operator.WILDCARD, longValue, false, "CommandLine",
                        "CommandLine|contains: ...", new Span(-1, -1, -1, -1), Operator.EQ, "raw"),
                new Node.Not(Predicate.of(null, Operator.MATCH, "free <text>", false, "\"free <text>\"", null))));
        List<Rule> rules = new java.util.ArrayList<>(base.rules());
        rules.add(new Rule(Vendor.ELASTIC, "kinds", "Every kind", "", "elastic/rules/k.toml", "rules", true, "", "",
                "eql", "eql", List.of(), List.of(), List.of(), Map.of("index", List.of("logs-*")), "q", tree,
                List.of(Fixtures.SYSMON_1), Map.of("url", "u"), List.of(org.detectionatlas.model.Diagnostic.warning(
                        "elastic/rules/k.toml", 3, "some-code", "message"))));
        org.detectionatlas.model.Diagnostic problem = org.detectionatlas.model.Diagnostic.invalid("sigma/rules/x.yml", 2,
                "yaml", "bad");
        Map<Vendor, Catalog.SourceSummary> sources = new java.util.EnumMap<>(Vendor.class);
        sources.put(Vendor.SIGMA, new Catalog.SourceSummary(5000, List.of(problem), true));
        sources.put(Vendor.SPLUNK, new Catalog.SourceSummary(0, List.of(), false));
        var logSource = new org.detectionatlas.sources.attack.DetectionStrategy.LogSource("WinEventLog:Security", "Security",
                "Process Creation", List.of(Fixtures.SECURITY_4688));
        var strategy = new org.detectionatlas.sources.attack.DetectionStrategy("DET0001", "Native API use", List.of(
                new org.detectionatlas.sources.attack.DetectionStrategy.Analytic("AN0001", List.of("Windows"),
                        List.of(logSource))));
        return new Catalog(base.corpusRoot(), base.attackVersion(), base.tactics(), base.techniques(), base.events(),
                rules, sources, List.of(problem), Map.of("sigma", 1234L),
                org.detectionatlas.sources.events.LazyEventCatalog.of(Path.of("/corpus"),
                        Map.of(Fixtures.SECURITY_4688, List.of("events/a.yml", "events/b.yml"))),
                Map.of("T1086", "T1059.001"), Map.of("T1106", List.of(strategy)));
    }
}
