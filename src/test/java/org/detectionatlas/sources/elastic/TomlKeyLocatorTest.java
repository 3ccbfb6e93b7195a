package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.sources.elastic.TomlKeyLocator.Position;
import org.junit.jupiter.api.Test;

class TomlKeyLocatorTest {
    private static final String TRANSFORM_FIRST = """
            [metadata]
            maturity = "production"

            [transform]
            [[transform.osquery]]
            label = "DNS"
            query = "SELECT * FROM dns_cache"

            [[transform.osquery]]
            label = "Services"
            query = \"""
            SELECT name FROM services
            \"""

            [rule]
            name = "Rule"
            note = '''
            [Not a header](https://example.org)
            query = "not the query either"
            '''
            tags = [
                "A",
                "[B]",
            ]
            threat_filter = { query = "inline" }
            query = '''
            process.name : "cmd.exe"
            '''

            [[rule.threat]]
            query = "a later table"
            """;

    @Test
    void ruleQueryAfterTransformTable() {
        assertThat(TomlKeyLocator.find(TRANSFORM_FIRST, "rule", "query")).isEqualTo(new Position(27, 1));
    }

    @Test
    void firstTransformQueryIsBasicString() {
        assertThat(TomlKeyLocator.find(TRANSFORM_FIRST, "transform.osquery", "query")).isEqualTo(new Position(7, -1));
    }

    @Test
    void rootKeyAndMissingKey() {
        assertThat(TomlKeyLocator.find("query = 'x'\n[rule]\nquery = 'y'\n", "", "query")).isEqualTo(new Position(1, 10));
        assertThat(TomlKeyLocator.find(TRANSFORM_FIRST, "rule", "language")).isEqualTo(Position.UNKNOWN);
        assertThat(TomlKeyLocator.find(TRANSFORM_FIRST, "hunt", "query")).isEqualTo(Position.UNKNOWN);
    }

    @Test
    void literalOnKeyLineHasColumn() {
        assertThat(TomlKeyLocator.find("[rule]\n  query = '''sql\nSELECT 1'''\n", "rule", "query"))
                .isEqualTo(new Position(2, 14));
    }

    @Test
    void arrayOfQueriesGivesFirstString() {
        String hunt = """
                [hunt]
                name = "Hunt"
                query = [
                # the first query
                '''
                from logs-*
                ''',
                '''
                from other-*
                '''
                ]
                """;

        assertThat(TomlKeyLocator.find(hunt, "hunt", "query")).isEqualTo(new Position(6, 1));
        assertThat(TomlKeyLocator.find("[hunt]\nquery = ['''\nfrom a\n''']\n", "hunt", "query"))
                .isEqualTo(new Position(3, 1));
    }

    @Test
    void escapedQuotesAndCarriageReturns() {
        String text = "[rule]\r\nname = \"a \\\"quoted\\\" query = 'no'\"\r\nquery = '''\r\nx\r\n'''\r\n";

        assertThat(TomlKeyLocator.find(text, "rule", "query")).isEqualTo(new Position(4, 1));
    }

    @Test
    void multiLineStringEndingInQuotes() {
        String text = "[rule]\nnote = '''it's ''''\n[rule.fake]\nquery = 'inner'\n[rule]\n";

        assertThat(TomlKeyLocator.find(text, "rule", "query")).isEqualTo(Position.UNKNOWN);
        assertThat(TomlKeyLocator.find(text, "rule.fake", "query")).isEqualTo(new Position(4, 10));
    }

    @Test
    void unterminatedInputEndsScan() {
        assertThat(TomlKeyLocator.find("[rule]\nnote = '''never closed\nquery = 'x'\n", "rule", "query"))
                .isEqualTo(Position.UNKNOWN);
        assertThat(TomlKeyLocator.find("[rule]\nquery = ", "rule", "query")).isEqualTo(Position.UNKNOWN);
        assertThat(TomlKeyLocator.find("[rule]\nquery = 42\n", "rule", "query")).isEqualTo(Position.UNKNOWN);
        assertThat(TomlKeyLocator.find("[rule]\nquery = '''", "rule", "query")).isEqualTo(new Position(2, 12));
    }
}
