package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.junit.jupiter.api.Test;

class EscapeRewriteTest {

    private final EscapeRewrite rewrite = new EscapeRewrite();

    private static Predicate wildcard(String value) {
        return Predicate.of("process.executable", Operator.WILDCARD, value, false, "Image: x", null);
    }

    @Test
    void rewriteDoublesLoneBackslashes() {
        Predicate result = rewrite.rewrite(wildcard("*\\Temp\\x*"));

        assertThat(result.operator()).isEqualTo(Operator.WILDCARD);
        assertThat(result.value()).isEqualTo("*\\\\Temp\\\\x*");
        assertThat(result.vendorValue()).isEqualTo("*\\Temp\\x*");
    }

    @Test
    void rewriteKeepsEscapedPatterns() {
        for (String value : new String[] {"*\\\\Temp\\\\*", "a\\*b*", "*\\?x", "*", "*\\\\"}) {
            Predicate input = wildcard(value);
            assertThat(rewrite.rewrite(input)).as(value).isSameAs(input);
        }
    }

    @Test
    void rewriteTurnsPatternWithoutWildcardIntoEquality() {
        Predicate result = rewrite.rewrite(wildcard("C:\\\\Windows\\\\a\\*b.exe"));

        assertThat(result.operator()).isEqualTo(Operator.EQ);
        assertThat(result.value()).isEqualTo("C:\\Windows\\a*b.exe");
        assertThat(result.vendorOperator()).isEqualTo(Operator.WILDCARD);
    }

    @Test
    void rewriteTreatsTrailingBackslashAsLiteral() {
        Predicate result = rewrite.rewrite(wildcard("*\\"));

        assertThat(result.value()).isEqualTo("*\\\\");
    }

    @Test
    void rewriteKeepsOtherOperators() {
        Predicate equal = Predicate.of("process.executable", Operator.EQ, "C:\\x", false, "Image: x", null);

        assertThat(rewrite.rewrite(equal)).isSameAs(equal);
    }
}
