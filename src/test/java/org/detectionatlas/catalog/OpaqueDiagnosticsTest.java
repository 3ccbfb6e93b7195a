package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.elastic.ElasticReader;
import org.detectionatlas.sources.sigma.SigmaReader;
import org.detectionatlas.sources.splunk.SplunkReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpaqueDiagnosticsTest {
    @TempDir
    Path corpus;

    private Path write(String relative, String text) throws IOException {
        Path file = corpus.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static Rule rule(Vendor vendor, Node tree, List<Diagnostic> diagnostics) {
        return new Rule(vendor, "rule-1", "Test rule", "", vendor.id() + "/rules/test.yml", "rules", true, "test",
                "high", "", "", List.of(), List.of(), List.of(), Map.of(), "", tree, List.of(), Map.of(), diagnostics);
    }

    private static List<Diagnostic> added(Rule before, Rule after) {
        return after.diagnostics().subList(before.diagnostics().size(), after.diagnostics().size());
    }

    @Test
    void splunkFilterOnEvalFieldGetsDiagnostic() throws IOException {
        write("splunk/macros/sysmon.yml", "name: sysmon\ndefinition: source=Sysmon\n");
        Path file = write("splunk/detections/application/computed.yml", """
                name: Computed filter
                id: computed-1
                type: TTP
                search: '`sysmon` EventCode=1 | eval message=lower(CommandLine) | search message!=false'
                """);

        Rule read = SplunkReader.readSingleFile(file);
        Rule rule = OpaqueDiagnostics.addMissing(read);

        assertThat(read.diagnostics()).isEmpty();
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported(
                "splunk/detections/application/computed.yml", 4, "not-modelled",
                "At column 70 of the expanded search: the part \"message!=false\" is kept as opaque text, not as"
                        + " predicates (filter on message, a field computed by an earlier eval)."));
    }

    @Test
    void elasticHuntWithoutRowFilterGetsDiagnostic() throws IOException {
        Path file = write("elastic/hunting/linux/queries/kernel.toml", """
                [hunt]
                name = "Kernel"
                uuid = "hunt-2"
                language = ["ES|QL", "SQL"]
                query = [
                '''sql
                SELECT * FROM kernel_info;
                '''
                ]
                """);

        Rule read = ElasticReader.readSingleFile(file);
        Rule rule = OpaqueDiagnostics.addMissing(read);

        assertThat(read.diagnostics()).isEmpty();
        assertThat(rule.diagnostics()).containsExactly(new Diagnostic("elastic/hunting/linux/queries/kernel.toml",
                6, 4, Diagnostic.Kind.UNSUPPORTED, "not-modelled", "The part \"sql SELECT * FROM kernel_info;\" is"
                        + " kept as opaque text, not as predicates (ES|QL query without a row filter)."));
    }

    @Test
    void elasticAggregationKeepsReaderDiagnostic() throws IOException {
        Path file = write("elastic/rules/windows/esql.toml", """
                [rule]
                name = "Stats"
                rule_id = "esql-1"
                language = "esql"
                type = "esql"
                query = '''
                from logs-* | stats count(*) by host.name, process.command_line, process.parent.command_line
                '''
                """);

        Rule read = ElasticReader.readSingleFile(file);

        assertThat(read.diagnostics()).extracting(Diagnostic::code).containsExactly("esql-aggregation");
        assertThat(OpaqueDiagnostics.addMissing(read)).isEqualTo(read);
    }

    @Test
    void sigmaFieldrefKeepsReaderDiagnostic() throws IOException {
        Path file = write("sigma/rules/fieldref.yml", """
                title: Same user
                id: 0f6c1b1e-0000-4000-8000-000000000001
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        Image|endswith: '\\cmd.exe'
                        User|fieldref: ParentUser
                    condition: selection
                """);

        List<Rule> read = SigmaReader.readFile(file, "sigma/rules/fieldref.yml");

        assertThat(read).hasSize(1);
        assertThat(read.get(0).diagnostics()).extracting(Diagnostic::code).containsExactly("fieldref");
        assertThat(OpaqueDiagnostics.addMissing(read.get(0))).isEqualTo(read.get(0));
    }

    @Test
    void sigmaPartWithoutDiagnosticGetsOne() {
        Rule before = rule(Vendor.SIGMA, Node.and(List.of(
                Predicate.of("Image", Operator.WILDCARD, "*\\\\cmd.exe", false, "Image|endswith: '\\cmd.exe'",
                        Span.atLine(8)),
                new Node.Opaque("User|fieldref: ParentUser", "fieldref: User compared with field ParentUser",
                        new Span(9, 23, -1, -1)))), List.of());

        Rule after = OpaqueDiagnostics.addMissing(before);

        assertThat(after.diagnostics()).containsExactly(new Diagnostic("sigma/rules/test.yml", 9, 23,
                Diagnostic.Kind.UNSUPPORTED, "not-modelled", "The part \"User|fieldref: ParentUser\" is kept as"
                        + " opaque text, not as predicates (fieldref: User compared with field ParentUser)."));
    }

    @Test
    void warningDoesNotCoverPart() {
        Node.Opaque part = new Node.Opaque("count > 5", "filter on count, an aggregated value of stats",
                new Span(11, -1, 40, 49));
        Diagnostic warning = Diagnostic.warning("splunk/rules/test.yml", 11, "unknown-data-source",
                "The data source \"count > 5\" is not defined under splunk/data_sources.");

        Rule after = OpaqueDiagnostics.addMissing(rule(Vendor.SPLUNK, part, List.of(warning)));

        assertThat(after.diagnostics()).containsExactly(warning, Diagnostic.unsupported("splunk/rules/test.yml", 11,
                "not-modelled", "At column 41 of the expanded search: the part \"count > 5\" is kept as opaque"
                        + " text, not as predicates (filter on count, an aggregated value of stats)."));
    }

    @Test
    void sameSearchLineDoesNotCoverQueryPart() {
        Node.Opaque part = new Node.Opaque("isOutlier=1", "filter on isOutlier, a field computed by an earlier eval",
                new Span(11, -1, 70, 81));
        Diagnostic other = Diagnostic.unsupported("splunk/rules/test.yml", 11, "unknown-spl-command",
                "At column 20 of the expanded search: The command \"cyberchef\" is not one Detection Atlas knows.");

        Rule before = rule(Vendor.SPLUNK, part, List.of(other));

        assertThat(added(before, OpaqueDiagnostics.addMissing(before))).extracting(Diagnostic::message)
                .containsExactly("At column 71 of the expanded search: the part \"isOutlier=1\" is kept as opaque"
                        + " text, not as predicates (filter on isOutlier, a field computed by an earlier eval).");
    }

    @Test
    void shortenedQuoteCoversLongPart() {
        String stats = "stats Esql.count = count(*),\n    Esql.hosts = values(host.name)\n  by process.executable,"
                + " process.parent.executable, user.name";
        Node.Opaque part = new Node.Opaque(stats, "ES|QL aggregation and later commands", Span.ofQuery(30, 140));
        Diagnostic reader = Diagnostic.unsupported("elastic/rules/test.yml", -1, "esql-aggregation",
                "The ES|QL commands from \"stats Esql.count = count(*), Esql.hosts = values(host.name) by ...\""
                        + " onwards are kept as opaque text.");

        Rule before = rule(Vendor.ELASTIC, part, List.of(reader));

        assertThat(OpaqueDiagnostics.addMissing(before)).isEqualTo(before);
    }

    @Test
    void longTextIsShortenedOnOneLine() {
        String text = "a\n  b " + "x".repeat(200);
        Rule before = rule(Vendor.ELASTIC, new Node.Opaque(text, "EQL pipe", Span.UNKNOWN), List.of());

        Diagnostic diagnostic = OpaqueDiagnostics.addMissing(before).diagnostics().get(0);

        assertThat(diagnostic.line()).isEqualTo(-1);
        assertThat(diagnostic.message()).isEqualTo("The part \"a b " + "x".repeat(113) + "...\" is kept as opaque"
                + " text, not as predicates (EQL pipe).");
    }

    @Test
    void partWithoutTextIsNamedByReason() {
        Rule before = rule(Vendor.SIGMA, new Node.Opaque("", "unreadable document", Span.UNKNOWN), List.of());

        assertThat(OpaqueDiagnostics.addMissing(before).diagnostics()).extracting(Diagnostic::message)
                .containsExactly("A part of the rule is kept as opaque text, not as predicates (unreadable document).");
    }

    @Test
    void partsBeyondMaximumAreCounted() {
        List<Node> parts = new ArrayList<>();
        for (int i = 0; i < OpaqueDiagnostics.MAX_REPORTED + 3; i++) {
            parts.add(new Node.Opaque("x" + i, "EQL pipe", Span.UNKNOWN));
        }
        Rule before = rule(Vendor.ELASTIC, Node.or(parts), List.of());

        List<Diagnostic> diagnostics = OpaqueDiagnostics.addMissing(before).diagnostics();

        assertThat(diagnostics).hasSize(OpaqueDiagnostics.MAX_REPORTED + 1);
        assertThat(diagnostics.get(0).message()).isEqualTo("The part \"x0\" is kept as opaque text, not as predicates"
                + " (EQL pipe).");
        assertThat(diagnostics.get(OpaqueDiagnostics.MAX_REPORTED)).isEqualTo(Diagnostic.unsupported(
                "elastic/rules/test.yml", -1, "not-modelled", "3 more parts of the rule are kept as opaque text"
                        + " but not listed, because a rule lists at most 100."));
    }

    @Test
    void deepTreeDoesNotOverflow() {
        Node tree = new Node.Opaque("deep", "EQL pipe", Span.UNKNOWN);
        for (int i = 0; i < 100_000; i++) {
            tree = new Node.Not(tree);
        }

        assertThat(OpaqueDiagnostics.opaqueParts(tree)).containsExactly(
                new Node.Opaque("deep", "EQL pipe", Span.UNKNOWN));
    }

    @Test
    void ruleWithoutOpaquePartIsUnchanged() {
        Rule before = rule(Vendor.SIGMA, Predicate.of("Image", Operator.EQ, "a.exe", false, "Image: a.exe",
                Span.atLine(3)), List.of());

        assertThat(OpaqueDiagnostics.addMissing(before)).isSameAs(before);
    }
}
