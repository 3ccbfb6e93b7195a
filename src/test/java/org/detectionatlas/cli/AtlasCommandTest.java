package org.detectionatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(err.toString()).startsWith(
                "Invalid technique id 'X1': expected T followed by four digits, such as T1106 or T1055.001.\n");
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
        assertThat(err.toString()).startsWith(
                "Missing --corpus DIR: name the corpus folder, for example --corpus ../shared/corpus.\n");
    }

    @Test
    void unknownCommandIsUsageError() {
        int code = run("servee");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'servee'");
    }

    @Test
    void statsJsonPrintsVendorCounts(@TempDir Path corpus) throws Exception {
        Files.createDirectory(corpus.resolve("sigma"));

        int code = run("stats", "--json", "--quiet", "--corpus", corpus.toString());

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).contains("\"sigma\" : {\n      \"files\" : 0,");
    }
}
