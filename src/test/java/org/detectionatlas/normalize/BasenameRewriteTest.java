package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class BasenameRewriteTest {

    private final BasenameRewrite rewrite = new BasenameRewrite();

    private static Predicate canonical(String field, Operator operator, String value) {
        return Predicate.of("Image", operator, value, false, "Image|endswith: '\\rundll32.exe'", Span.atLine(7))
                .withField(field);
    }

    @Test
    void rewriteTurnsBackslashSuffixIntoName() {
        Predicate result = rewrite.rewrite(canonical("process.executable", Operator.WILDCARD, "*\\\\rundll32.exe"));

        assertThat(result).isEqualTo(new Predicate("process.name", Operator.EQ, "rundll32.exe", false, "Image",
                "Image|endswith: '\\rundll32.exe'", Span.atLine(7), Operator.WILDCARD, "*\\\\rundll32.exe"));
    }

    @Test
    void rewriteTurnsSlashSuffixIntoName() {
        Predicate result = rewrite.rewrite(canonical("process.parent.executable", Operator.WILDCARD, "*/bash"));

        assertThat(result.field()).isEqualTo("process.parent.name");
        assertThat(result.operator()).isEqualTo(Operator.EQ);
        assertThat(result.value()).isEqualTo("bash");
    }

    @Test
    void rewriteMapsDllAndTargetPaths() {
        assertThat(rewrite.rewrite(canonical("dll.path", Operator.WILDCARD, "*\\\\dbghelp.dll")).field())
                .isEqualTo("dll.name");
        assertThat(rewrite.rewrite(canonical("process.target.executable", Operator.WILDCARD, "*\\\\lsass.exe")).field())
                .isEqualTo("process.target.name");
    }

    @Test
    void rewriteKeepsPatternsThatAreNotSuffixes() {
        for (String value : new String[] {"*rundll32.exe", "*\\\\System32\\\\rundll32.exe", "*\\\\rundll*.exe",
                "*\\\\run?.exe", "*\\\\", "C:\\\\x\\\\rundll32.exe", "*\\*x.exe"}) {
            Predicate input = canonical("process.executable", Operator.WILDCARD, value);
            assertThat(rewrite.rewrite(input)).as(value).isSameAs(input);
        }
    }

    @Test
    void rewriteKeepsOtherOperatorsAndFields() {
        Predicate equal = canonical("process.executable", Operator.EQ, "*\\\\rundll32.exe");
        Predicate commandLine = canonical("process.command_line", Operator.WILDCARD, "*\\\\rundll32.exe");

        assertThat(rewrite.rewrite(equal)).isSameAs(equal);
        assertThat(rewrite.rewrite(commandLine)).isSameAs(commandLine);
    }
}
