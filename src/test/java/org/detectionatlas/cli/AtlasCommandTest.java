package org.detectionatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AtlasCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = AtlasCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void selfCheckPassesOnSampleCorpus() {
        int code = run("self-check", "--quiet");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("atlas self-check: all 15 checks passed\n");
    }

    @Test
    void selfCheckListsFetchedPages() {
        int code = run("self-check");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString().lines().filter(line -> line.startsWith("ok      GET ")).map(line -> line.split(" ")[7]))
                .containsExactlyElementsOf(SelfCheckCommand.PAGES);
    }

    @Test
    void namedCommandIsOnlyOneRegistered() {
        assertThat(AtlasCommand.newCommandLine("serve").getSubcommands().keySet()).containsExactly("serve");
        assertThat(AtlasCommand.newCommandLine("--help").getSubcommands().keySet()).containsExactly("serve", "build",
                "export", "technique", "stats", "parse", "eval", "self-check", "help", "generate-completion");
    }

    @Test
    void folderWithoutCorpusPartsIsUsageError(@TempDir Path empty) {
        int code = run("stats", "--corpus", empty.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("atlas: The folder " + empty.toAbsolutePath().normalize()
                + " is not a corpus: it contains none of sigma/, elastic/, splunk/, attack/, events/ (each in the layout"
                + " of its upstream repository).\n");
    }

    @Test
    void invalidTechniqueIdIsUsageError(@TempDir Path corpus) {
        int code = run("technique", "X1", "--corpus", corpus.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "atlas: Invalid technique id 'X1': expected T followed by four digits, such as T1106 or T1055.001.\n"
                + "atlas: Run 'atlas technique --help' for the options.\n");
    }

    @Test
    void unknownTechniqueIsFailure(@TempDir Path corpus) throws Exception {
        Files.createDirectory(corpus.resolve("sigma"));

        int code = run("technique", "T9999", "--corpus", corpus.toString(), "--quiet");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(
                "atlas: technique T9999 not found: neither the ATT&CK bundle nor any rule names it.\n");
    }

    @Test
    void missingCorpusOptionIsUsageError() {
        int code = run("stats");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "atlas: Missing --corpus DIR: name the corpus folder, for example --corpus ../shared/corpus.\n"
                + "atlas: Run 'atlas stats --help' for the options.\n");
    }

    @Test
    void unknownCommandIsUsageError() {
        int code = run("servee");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("atlas: Unmatched argument at index 0: 'servee' (did you mean 'serve'?)\n"
                + "atlas: Run 'atlas --help' for the options.\n");
    }

    @Test
    void statsJsonPrintsVendorCounts(@TempDir Path corpus) throws Exception {
        Files.createDirectory(corpus.resolve("sigma"));

        int code = run("stats", "--json", "--quiet", "--corpus", corpus.toString());

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).contains("\"sigma\" : {\n      \"files\" : 0,");
    }

    @Test
    void helpSummaryOfExportIsWholeSentence() {
        int code = run("--help");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).contains(
                "  export               Export the catalog as an ATT&CK Navigator layer, JSON or\n"
                + "                         a CSV of indicators.\n");
    }

    @Test
    void exportHelpWrapsInsideOptionColumn() {
        int code = run("export", "--help");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("""
                Usage: atlas export [-hqV] [--corpus=DIR] [-o=FILE] [--rule=VENDOR/ID]
                                    [--technique=ID] [--vendor=VENDOR] KIND
                Export the catalog as an ATT&CK Navigator layer, JSON or a CSV of indicators.
                      KIND               What to export: navigator, json, csv.
                                         navigator: an ATT&CK Navigator layer (format 4.5)
                                           scoring techniques by rule count.
                                         json: the JSON of --technique or --rule, or the rule
                                           counts of every technique.
                                         csv: one row per predicate of the selected rules.
                      --corpus=DIR       Corpus folder containing any of sigma/, elastic/,
                                           splunk/, attack/, events/ (default: the ATLAS_CORPUS
                                           environment variable).
                  -h, --help             Show this help message and exit.
                  -o, --out=FILE         File to write (default: standard output).
                  -q, --quiet            Print no progress while reading the corpus.
                      --rule=VENDOR/ID   Only this rule, such as sigma/<rule id>.
                      --technique=ID     Only the rules of this technique and its
                                           sub-techniques, such as T1059.
                  -V, --version          Print version information and exit.
                      --vendor=VENDOR    Only this vendor's rules: sigma, elastic or splunk.
                """);
    }

    @Test
    void everyHelpFitsEightyColumns() {
        for (String command : AtlasCommand.newCommandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);

            run(command, "--help");

            assertThat(out.toString().lines().filter(line -> line.length() > 80)).as(command).isEmpty();
        }
    }

    @Test
    void usageErrorPointsToCommandHelp() {
        int code = run("export", "nope", "--corpus", "x");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("atlas: Invalid value for positional parameter at index 0 (KIND):"
                + " expected one of [navigator, json, csv] (case-sensitive) but was 'nope'\n"
                + "atlas: Run 'atlas export --help' for the options.\n");
    }

    @Test
    void missingCommandPointsToMainHelp() {
        int code = run();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("atlas: Missing command: try 'atlas serve --corpus DIR'.\n"
                + "atlas: Run 'atlas --help' for the options.\n");
    }

    @Test
    void statsTableEndsWithDiagnosticKinds(@TempDir Path corpus) throws Exception {
        Path rules = Files.createDirectories(corpus.resolve("sigma/rules/windows"));
        Files.writeString(rules.resolve("bad_modifier.yml"), """
                title: Bad modifier
                id: 11111111-2222-3333-4444-555555555555
                detection:
                    selection:
                        Image|endswit: 'x'
                    condition: selection
                """);

        int code = run("stats", "--quiet", "--corpus", corpus.toString());

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(String.join("\n",
                "vendor    files  rules parsed partial failed   active:  rules parsed partial failed",
                "sigma         1      1      0       1      0   active:      1      0       1      0",
                "elastic       0      0      0       0      0   active:      0      0       0      0",
                "splunk        0      0      0       0      0   active:      0      0       0      0",
                "sigma    diagnostics: 1 invalid, 0 unsupported, 0 warnings",
                "elastic  diagnostics: 0 invalid, 0 unsupported, 0 warnings",
                "splunk   diagnostics: 0 invalid, 0 unsupported, 0 warnings",
                "ATT&CK (no bundle loaded): 0 techniques, 0 with active rules, 0 named by rules only;"
                        + " 0 catalog events",
                ""));
    }

    @Test
    void diagnosticKindsUseSingularWarning() {
        assertThat(StatsCommand.diagnosticKinds(Map.of("invalid", 1, "warning", 1)))
                .isEqualTo("1 invalid, 0 unsupported, 1 warning");
    }

    /**
     * Runs self-check in a JVM of its own, since the server's logger takes its level when it is
     * first created, which another test in this JVM may already have done.
     */
    @Test
    void selfCheckPrintsNothingOnStderr() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AtlasCommand.class.getName(), "self-check", "--quiet").start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        String stderr = readAll(process.getErrorStream());

        assertThat(process.waitFor()).isEqualTo(0);
        assertThat(stdout.get()).isEqualTo("atlas self-check: all 15 checks passed\n");
        assertThat(stderr).isEmpty();
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
