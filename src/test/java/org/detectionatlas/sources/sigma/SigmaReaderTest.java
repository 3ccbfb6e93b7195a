package org.detectionatlas.sources.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaReaderTest {

    private static final String RULE = "title: T\ndetection:\n    sel:\n        A: 1\n    condition: sel\n";

    @TempDir
    Path root;

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void readsYmlOutsideRegressionData() throws IOException {
        write("sigma/rules/windows/b.yml", RULE);
        write("sigma/rules/windows/a.yml", RULE);
        write("sigma/deprecated/c.yml", RULE);
        write("sigma/regression_data/rules/windows/a/info.yml", "id: x\n");
        write("sigma/rules/README.md", "# not a rule\n");

        RuleReadResult result = new SigmaReader().read(root);

        assertThat(result.files()).isEqualTo(3);
        assertThat(result.rules()).extracting(Rule::file).containsExactly(
                "sigma/deprecated/c.yml", "sigma/rules/windows/a.yml", "sigma/rules/windows/b.yml");
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void invalidUtf8IsFailedRule() throws IOException {
        Path path = root.resolve("sigma/rules/bad.yml");
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[] {'t', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        RuleReadResult result = new SigmaReader().read(root);

        assertThat(result.rules()).hasSize(1);
        assertThat(result.rules().get(0).tree()).isNull();
        assertThat(result.rules().get(0).diagnostics()).containsExactly(Diagnostic.invalid("sigma/rules/bad.yml",
                -1, "invalid-encoding", "File is not valid UTF-8; save it as UTF-8."));
    }

    @Test
    void missingSigmaFolderIsReported() {
        RuleReadResult result = new SigmaReader().read(root);

        assertThat(result.files()).isZero();
        assertThat(result.rules()).isEmpty();
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("missing-corpus");
    }
}
