package org.detectionatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import org.junit.jupiter.api.Test;

class ValueDisplayTest {
    private static String html(String operator, String value) {
        StringOutput out = new StringOutput();
        OwaspHtmlTemplateOutput html = new OwaspHtmlTemplateOutput(out);
        html.setContext("code", null);
        html.writeUserContent(ValueDisplay.of(operator, value));
        return out.toString();
    }

    @Test
    void wildcardEscapesRemovedAndWildcardsMarked() {
        assertThat(html("wildcard", "*\\\\Windows\\\\System32\\\\*.dll"))
                .isEqualTo("<span class=\"wild\" title=\"wildcard\">*</span>\\Windows\\System32\\"
                        + "<span class=\"wild\" title=\"wildcard\">*</span>.dll");
    }

    @Test
    void escapedStarAndQuestionMarkStayLiteral() {
        assertThat(html("wildcard", "a\\*b\\?c?")).isEqualTo("a*b?c<span class=\"wild\" title=\"wildcard\">?</span>");
    }

    @Test
    void loneBackslashBeforeOtherCharacterIsKept() {
        assertThat(html("wildcard", "C:\\Users")).isEqualTo("C:\\Users");
    }

    @Test
    void ruleTextIsEscapedAroundMarks() {
        // Quotes need no escape in element text, only in attributes.
        assertThat(html("wildcard", "<script>*\"'&")).isEqualTo(
                "&lt;script&gt;<span class=\"wild\" title=\"wildcard\">*</span>\"'&amp;");
    }

    @Test
    void otherOperatorsShowValueAsItIs() {
        assertThat(html("eq", "C:\\\\x*<b>")).isEqualTo("C:\\\\x*&lt;b&gt;");
    }

    @Test
    void plainFormDropsEscapesOnlyForWildcards() {
        assertThat(ValueDisplay.plain("wildcard", "*\\\\cmd.exe \\*")).isEqualTo("*\\cmd.exe *");
        assertThat(ValueDisplay.plain("regex_match", "\\\\d+")).isEqualTo("\\\\d+");
    }
}
