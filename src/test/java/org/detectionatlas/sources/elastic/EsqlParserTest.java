package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class EsqlParserTest {

    /** Returns a predicate whose original is {@code original} and whose span is where it sits in the query. */
    private static Predicate test(String query, String field, Operator operator, String value, boolean caseSensitive,
            String original) {
        int start = query.indexOf(original);
        return Predicate.of(field, operator, value, caseSensitive, original,
                Span.ofQuery(start, start + original.length()));
    }

    @Test
    void whereBecomesPredicates() {
        String query = "from logs-* | where process.name == \"cmd.exe\" and user.id != \"S-1-5-18\"";
        ParsedQuery parsed = EsqlParser.parse(query);
        assertThat(parsed.tree()).isEqualTo(new Node.And(List.of(
                Predicate.of("process.name", Operator.EQ, "cmd.exe", true, "process.name == \"cmd.exe\"",
                        Span.ofQuery(20, 45)),
                new Node.Not(Predicate.of("user.id", Operator.EQ, "S-1-5-18", true, "user.id != \"S-1-5-18\"",
                        Span.ofQuery(50, 71))))));
        assertThat(parsed.notices()).isEmpty();
    }

    @Test
    void inLikeRlikeAndNullTests() {
        String query = "FROM x | WHERE b LIKE \"*.exe\" AND c RLIKE \"x.+\" AND d IS NOT NULL AND e IS NULL"
                + " AND f NOT LIKE \"C:\\\\\\\\Win*\" AND a IN (\"p\", 2)";
        int p = query.indexOf("\"p\"");
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.And(List.of(
                test(query, "b", Operator.WILDCARD, "*.exe", true, "b LIKE \"*.exe\""),
                test(query, "c", Operator.REGEX_MATCH, "x.+", true, "c RLIKE \"x.+\""),
                test(query, "d", Operator.EXISTS, "true", true, "d IS NOT NULL"),
                test(query, "e", Operator.EXISTS, "false", true, "e IS NULL"),
                new Node.Not(test(query, "f", Operator.WILDCARD, "C:\\\\Win*", true,
                        "f NOT LIKE \"C:\\\\\\\\Win*\"")),
                new Node.Or(List.of(
                        Predicate.of("a", Operator.EQ, "p", true, "a IN \"p\"", Span.ofQuery(p, p + 3)),
                        Predicate.of("a", Operator.EQ, "2", true, "a IN 2", Span.ofQuery(p + 5, p + 6)))))));
    }

    @Test
    void stringFunctionsAndKql() {
        String query = "from x | where starts_with(f, \"ab*\") or ends_with(g, \".exe\") or KQL(\"\"\"h : v\"\"\")";
        int kql = query.indexOf("h : v");
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.Or(List.of(
                test(query, "f", Operator.WILDCARD, "ab\\**", true, "starts_with(f, \"ab*\")"),
                test(query, "g", Operator.WILDCARD, "*.exe", true, "ends_with(g, \".exe\")"),
                Predicate.of("h", Operator.EQ, "v", true, "h : v", Span.ofQuery(kql, kql + 5)))));
    }

    @Test
    void computedAndAggregatedPartsAreOpaque() {
        String query = "from x | eval n = to_lower(f) | where n == \"a\" and length(g) > 3 and h == i"
                + " | stats c = count(*) by h | where c > 5";
        ParsedQuery parsed = EsqlParser.parse(query);
        int n = query.indexOf("n == ");
        int length = query.indexOf("length(");
        int h = query.indexOf("h == i");
        int stats = query.indexOf("stats");
        assertThat(parsed.tree()).isEqualTo(new Node.And(List.of(
                new Node.Opaque("n == \"a\"", "ES|QL condition on a field that EVAL computes", Span.ofQuery(n, n + 8)),
                new Node.Opaque("length(g) > 3", "ES|QL condition on a function or computed value",
                        Span.ofQuery(length, length + 13)),
                new Node.Opaque("h == i", "ES|QL condition on two fields or a computed value", Span.ofQuery(h, h + 6)),
                new Node.Opaque("stats c = count(*) by h | where c > 5", "ES|QL aggregation and later commands",
                        Span.ofQuery(stats, query.length())))));
        assertThat(parsed.notices()).containsExactly(
                new ParsedQuery.Notice(n, "esql-computed-field",
                        "The ES|QL condition \"n == \"a\"\" on a field that EVAL computes is kept as opaque text."),
                new ParsedQuery.Notice(length, "esql-function",
                        "The ES|QL condition \"length(g) > 3\" on a function or computed value is kept as opaque"
                                + " text."),
                new ParsedQuery.Notice(h, "esql-field-comparison",
                        "The ES|QL condition \"h == i\" on two fields or a computed value is kept as opaque text."),
                new ParsedQuery.Notice(stats, "esql-aggregation",
                        "The ES|QL commands from \"stats c = count(*) by h | where c > 5\" onwards are kept as"
                                + " opaque text."));
    }

    @Test
    void unsupportedWhereIsOpaqueWithReason() {
        String query = "from x | where a == 1 +";
        ParsedQuery parsed = EsqlParser.parse(query);
        assertThat(parsed.tree()).isEqualTo(new Node.Opaque("a == 1 +", "ES|QL condition outside the supported grammar",
                Span.ofQuery(14, 23)));
        assertThat(parsed.notices()).containsExactly(new ParsedQuery.Notice(22, "esql-where",
                "The ES|QL condition \"a == 1 +\" is kept as opaque text: at query line 1, column 23, unexpected"
                        + " \"+\"."));
    }

    @Test
    void kqlSpansCountEscapedCharactersAsWritten() {
        String query = "from x | where KQL(\"a:\\\"q\\\" and b:c\")";
        int b = query.indexOf("b:c");
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.And(List.of(
                Predicate.of("a", Operator.EQ, "q", true, "a:\"q\"", Span.ofQuery(20, 27)),
                Predicate.of("b", Operator.EQ, "c", true, "b:c", Span.ofQuery(b, b + 3)))));
    }

    @Test
    void pipeInBlockCommentDoesNotSplit() {
        String query = "from x | where a == 1 /* b | c */ and d == 2";
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.And(List.of(
                test(query, "a", Operator.EQ, "1", true, "a == 1"),
                test(query, "d", Operator.EQ, "2", true, "d == 2"))));
    }

    @Test
    void singleEqualsIsNamed() {
        assertThat(EsqlParser.parse("from x | where a = 1").notices()).containsExactly(new ParsedQuery.Notice(17,
                "esql-where", "The ES|QL condition \"a = 1\" is kept as opaque text: at query line 1, column 18,"
                        + " unexpected \"=\"; expected ==, !=, <, <=, >, >=, :, LIKE, RLIKE, IN or IS after the field."));
    }

    @Test
    void booleanFieldAloneIsTrueTest() {
        String query = "from x | where gen_ai.flagged // a comment\n and a == 1";
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.And(List.of(
                test(query, "gen_ai.flagged", Operator.EQ, "true", true, "gen_ai.flagged"),
                test(query, "a", Operator.EQ, "1", true, "a == 1"))));
    }

    @Test
    void trueInListIsOrOfConditions() {
        String query = "from x | where true in (starts_with(a, \"Get\"), b == \"c\")";
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.Or(List.of(
                test(query, "a", Operator.WILDCARD, "Get*", true, "starts_with(a, \"Get\")"),
                test(query, "b", Operator.EQ, "c", true, "b == \"c\""))));
    }

    @Test
    void toLowerComparesFieldIgnoringCase() {
        String query = "from x | where TO_LOWER(user_agent.original) LIKE \"*curl*\" and to_lower(p) in (\"a\")";
        int a = query.indexOf("\"a\"");
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.And(List.of(
                test(query, "user_agent.original", Operator.WILDCARD, "*curl*", false,
                        "TO_LOWER(user_agent.original) LIKE \"*curl*\""),
                Predicate.of("p", Operator.EQ, "a", false, "to_lower(p) in \"a\"", Span.ofQuery(a, a + 3)))));
    }

    @Test
    void cidrMatchIsOrOfRanges() {
        String query = "from x | where not CIDR_MATCH(source.ip, \"10.0.0.0/8\", \"192.168.0.0/16\")";
        String original = "CIDR_MATCH(source.ip, \"10.0.0.0/8\", \"192.168.0.0/16\")";
        assertThat(EsqlParser.parse(query).tree()).isEqualTo(new Node.Not(new Node.Or(List.of(
                test(query, "source.ip", Operator.CIDR, "10.0.0.0/8", true, original),
                test(query, "source.ip", Operator.CIDR, "192.168.0.0/16", true, original)))));
    }

    @Test
    void queryWithoutFilterIsOpaque() {
        assertThat(EsqlParser.parse("from x | keep a").tree()).isEqualTo(
                new Node.Opaque("from x | keep a", "ES|QL query without a row filter", Span.ofQuery(0, 15)));
    }

    @Test
    void indexPatternsFromSource() {
        assertThat(EsqlParser.indexPatterns("FROM logs-a-*, .alerts-security.* METADATA _id | where a == 1"))
                .containsExactly("logs-a-*", ".alerts-security.*");
        assertThat(EsqlParser.indexPatterns("row a = 1")).isEmpty();
    }
}
