package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.junit.jupiter.api.Test;

class CaseFoldingTest {

    private static Predicate test(String field, Operator operator, String value, boolean caseSensitive) {
        return Predicate.of(field, operator, value, caseSensitive, field + ": " + value, null);
    }

    @Test
    void foldLowersCaseInsensitiveTests() {
        assertThat(CaseFolding.fold(test("process.command_line", Operator.WILDCARD, "*-ENC*", false)))
                .isEqualTo("*-enc*");
    }

    @Test
    void foldLowersCaseSensitiveWindowsNames() {
        assertThat(CaseFolding.fold(test("process.name", Operator.EQ, "RUNDLL32.EXE", true))).isEqualTo("rundll32.exe");
        assertThat(CaseFolding.fold(test("registry.path", Operator.WILDCARD, "HKLM\\\\Run*", true)))
                .isEqualTo("hklm\\\\run*");
    }

    @Test
    void foldKeepsOtherCaseSensitiveTests() {
        assertThat(CaseFolding.fold(test("process.command_line", Operator.WILDCARD, "*SQBFAFgA*", true)))
                .isEqualTo("*SQBFAFgA*");
    }

    @Test
    void foldKeepsRegularExpressions() {
        assertThat(CaseFolding.fold(test("process.name", Operator.REGEX_MATCH, "\\D+\\.EXE", false)))
                .isEqualTo("\\D+\\.EXE");
    }
}
