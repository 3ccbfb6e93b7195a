package org.detectionatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import org.junit.jupiter.api.Test;

class TextDisplayTest {
    private static String html(String text) {
        StringOutput out = new StringOutput();
        OwaspHtmlTemplateOutput html = new OwaspHtmlTemplateOutput(out);
        html.setContext("p", null);
        html.writeUserContent(TextDisplay.firstParagraph(text));
        return out.toString();
    }

    @Test
    void boldWithAttackLinkPointsToTechniquePage() {
        assertThat(html("**This technique has been deprecated. Please use [Remote Services]"
                + "(https://attack.mitre.org/techniques/T1021) where appropriate.**"))
                .isEqualTo("<strong>This technique has been deprecated. Please use <a href=\"/techniques/T1021\">"
                        + "Remote Services</a> where appropriate.</strong>");
    }

    @Test
    void subtechniqueLinkUsesDottedId() {
        assertThat(html("See [PowerShell](https://attack.mitre.org/techniques/T1059/001).")).isEqualTo(
                "See <a href=\"/techniques/T1059.001\">PowerShell</a>.");
    }

    @Test
    void externalLinkKeepsUrlWithoutReferrer() {
        assertThat(html("[docs](https://example.org/a?b=1&c=\"2\")")).isEqualTo(
                "<a href=\"https://example.org/a?b=1&amp;c=&#34;2&#34;\" rel=\"noopener noreferrer\">docs</a>");
    }

    @Test
    void scriptLinkShowsLabelOnly() {
        assertThat(html("[click](javascript:void)")).isEqualTo("click");
    }

    @Test
    void codeCitationsAndMarkupAreHandled() {
        assertThat(html("Uses `DownloadFile` <b>here</b>.(Citation: Some Report) <code>x</code>\n\nSecond paragraph."))
                .isEqualTo("Uses <code>DownloadFile</code> &lt;b&gt;here&lt;/b&gt;. x");
    }

    @Test
    void longTextIsCutAtAWord() {
        String text = "word ".repeat(1_000);

        assertThat(html(text)).hasSize(2_001).endsWith("word word …");
    }

    @Test
    void documentRendersBlocks() {
        StringOutput out = new StringOutput();
        OwaspHtmlTemplateOutput html = new OwaspHtmlTemplateOutput(out);
        html.setContext("div", null);
        html.writeUserContent(TextDisplay.document("""
                ## Triage and analysis

                > **Disclaimer**:
                > Test it first.

                Look at the
                `parent` <process>.
                - one
                - two
                1. first
                ```
                a < b
                ```
                """));

        assertThat(out.toString()).isEqualTo("<h4>Triage and analysis</h4>"
                + "<blockquote><strong>Disclaimer</strong>: Test it first.</blockquote>"
                + "<p>Look at the <code>parent</code> &lt;process&gt;.</p>"
                + "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
                + "<pre class=\"prop\">a &lt; b\n</pre>");
    }
}
