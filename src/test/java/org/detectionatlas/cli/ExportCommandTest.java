package org.detectionatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.detectionatlas.catalog.CatalogSnapshot;
import org.detectionatlas.views.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest {
    private static final String RULE = """
            title: Cmd "Launch" <b>
            id: 11111111-2222-3333-4444-555555555555
            status: test
            level: high
            tags:
                - attack.execution
                - attack.t1059
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\cmd.exe'
                condition: selection
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path corpus;

    private int run(String... args) {
        CommandLine commandLine = AtlasCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void writeRule() throws Exception {
        Path folder = Files.createDirectories(corpus.resolve("sigma/rules/windows/process_creation"));
        Files.writeString(folder.resolve("proc_creation_win_cmd.yml"), RULE);
    }

    @Test
    void csvExportListsPredicates() throws Exception {
        writeRule();

        int code = run("export", "csv", "--corpus", corpus.toString(), "--quiet");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("vendor,rule_id,rule_title,techniques,role,field,vendor_field,operator,"
                + "value,case_sensitive,corpus_reach\r\n"
                + "sigma,11111111-2222-3333-4444-555555555555,\"Cmd \"\"Launch\"\" <b>\",T1059,indicator,"
                + "process.name,Image,eq,cmd.exe,false,1\r\n");
    }

    @Test
    void navigatorExportIsLayer() throws Exception {
        writeRule();
        Path file = corpus.resolve("layer.json");

        int code = run("export", "navigator", "--corpus", corpus.toString(), "--quiet", "--vendor", "sigma",
                "--out", file.toString());
        JsonNode layer = Json.mapper().readTree(file.toFile());

        assertThat(code).isEqualTo(0);
        assertThat(layer.get("name").asText()).isEqualTo("Detection Atlas · sigma");
        assertThat(layer.get("description").asText()).isEqualTo("Active rules per technique (1 rule).");
        assertThat(layer.get("versions").get("layer").asText()).isEqualTo("4.5");
        assertThat(layer.get("domain").asText()).isEqualTo("enterprise-attack");
        // Without an ATT&CK bundle every id is unknown, and the Navigator rejects unknown ids.
        assertThat(layer.get("techniques").size()).isEqualTo(0);
    }

    @Test
    void exportToFilePrintsWroteLine() throws Exception {
        writeRule();
        Path file = corpus.resolve("indicators.csv");

        int code = run("export", "csv", "--corpus", corpus.toString(), "--out", file.toString());
        String lastLine = err.toString().lines().reduce((first, second) -> second).orElseThrow();

        assertThat(code).isEqualTo(0);
        assertThat(lastLine).matches(Pattern.quote("atlas: wrote the csv export of 1 rule to " + file + " ("
                + Files.size(file) + " bytes in ") + "\\d+ ms\\)");
    }

    @Test
    void buildCountsOneRuleInSingular() throws Exception {
        writeRule();
        Path file = corpus.resolve("atlas.snapshot");

        int code = run("build", "--corpus", corpus.toString(), "--out", file.toString());
        List<String> lines = err.toString().lines().toList();

        assertThat(code).isEqualTo(0);
        assertThat(lines).contains("atlas: normalized 1 rule");
        assertThat(lines.get(lines.size() - 1)).matches(Pattern.quote("atlas: wrote 1 rule to " + file + " (")
                + "\\d+ (bytes|KiB) in \\d+ ms\\)");
    }

    @Test
    void techniqueWithoutBundleSaysNoneLoaded() throws Exception {
        writeRule();

        int code = run("technique", "T1059", "--corpus", corpus.toString(), "--quiet");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).startsWith("# T1059\n\n_No ATT&CK bundle was loaded, so this id could not be"
                + " checked; it is listed because rules name it._\n\n");
    }

    @Test
    void invalidVendorIsUsageError() throws Exception {
        int code = run("export", "navigator", "--corpus", corpus.toString(), "--vendor", "qradar");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("atlas: Invalid --vendor 'qradar': expected sigma, elastic or splunk.\n"
                + "atlas: Run 'atlas export --help' for the options.\n");
    }

    @Test
    void unknownRuleIsFailure() throws Exception {
        writeRule();

        int code = run("export", "json", "--corpus", corpus.toString(), "--quiet", "--rule", "sigma/none");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("atlas: rule sigma/none not found.\n");
    }

    @Test
    void buildWritesSnapshot() throws Exception {
        writeRule();
        Path file = corpus.resolve("out/atlas.json");

        int code = run("build", "--corpus", corpus.toString(), "--quiet", "--out", file.toString());

        assertThat(code).isEqualTo(0);
        assertThat(CatalogSnapshot.read(file).rules()).hasSize(1);
    }

    @Test
    void serveWithMissingSnapshotIsUsageError() {
        Path file = corpus.resolve("missing.json");

        int code = run("serve", "--snapshot", file.toString(), "--port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("atlas: Snapshot file " + file + " not found: write one with"
                + " 'atlas build --corpus DIR --out " + file + "'.\n"
                + "atlas: Run 'atlas serve --help' for the options.\n");
    }

    @Test
    void completionScriptIsGenerated() {
        int code = run("generate-completion");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).startsWith("#!/usr/bin/env bash");
        assertThat(out.toString()).contains("  local cmds2=(export)\n");
        assertThat(out.toString()).contains("local KIND_pos_param_args=(\"navigator\" \"json\" \"csv\")");
    }

    @Test
    void progressBarFillsByStage() {
        assertThat(ProgressBar.render(3, "read sigma in 900 ms"))
                .isEqualTo("atlas: [############            ] 3/6 read sigma in 900 ms");
    }

    @Test
    void progressWithoutTerminalPrintsLines() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);

        bar.accept("read attack in 10 ms");
        bar.finish();

        assertThat(text.toString()).isEqualTo("atlas: read attack in 10 ms\n");
    }
}
