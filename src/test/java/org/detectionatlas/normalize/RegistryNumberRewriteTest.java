package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class RegistryNumberRewriteTest {

    private final RegistryNumberRewrite rewrite = new RegistryNumberRewrite();

    private static Predicate details(Operator operator, String value) {
        return Predicate.of("Details", operator, value, false, "Details: '" + value + "'", Span.UNKNOWN)
                .withField("registry.data.strings");
    }

    @Test
    void rewriteTurnsDwordIntoDecimal() {
        Predicate result = rewrite.rewrite(details(Operator.EQ, "DWORD (0x00000001)"));

        assertThat(result).isEqualTo(new Predicate("registry.data.strings", Operator.EQ, "1", false, "Details",
                "Details: 'DWORD (0x00000001)'", Span.UNKNOWN, Operator.EQ, "DWORD (0x00000001)"));
    }

    @Test
    void rewriteReadsDwordAsUnsigned() {
        assertThat(rewrite.rewrite(details(Operator.EQ, "DWORD (0xFFFFFFFF)")).value()).isEqualTo("4294967295");
    }

    @Test
    void rewriteTurnsQwordIntoDecimal() {
        assertThat(rewrite.rewrite(details(Operator.EQ, "QWORD (0x00000001-0x00000002)")).value())
                .isEqualTo("4294967298");
        assertThat(rewrite.rewrite(details(Operator.EQ, "QWORD (0xffffffff-0xffffffff)")).value())
                .isEqualTo("18446744073709551615");
    }

    @Test
    void rewriteKeepsOtherValues() {
        for (Predicate input : new Predicate[] {
                details(Operator.WILDCARD, "DWORD (0x0000000*"),
                details(Operator.EQ, "DWORD (0x1)"),
                details(Operator.EQ, "Binary Data"),
                Predicate.of("x", Operator.EQ, "DWORD (0x00000001)", false, "", Span.UNKNOWN)}) {
            assertThat(rewrite.rewrite(input)).as(input.value()).isSameAs(input);
        }
    }
}
