package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class EqlParserTest {

    private static Predicate test(String field, Operator operator, String value, boolean caseSensitive,
            String original, int start, int end) {
        return Predicate.of(field, operator, value, caseSensitive, original, Span.ofQuery(start, end));
    }

    private static Node tree(String query) throws QuerySyntaxException {
        return EqlParser.parse(query).tree();
    }

    /** Parses {@code any where <condition>}, so the condition text starts at offset 10. */
    private static Node condition(String condition) throws QuerySyntaxException {
        return tree("any where " + condition);
    }

    @Test
    void categoryBecomesEventCategoryTest() throws Exception {
        assertThat(tree("process where process.name : \"cmd.exe\""))
                .isEqualTo(new Node.And(List.of(
                        test("event.category", Operator.EQ, "process", true, "process where", 0, 13),
                        test("process.name", Operator.EQ, "cmd.exe", false, "process.name : \"cmd.exe\"", 14, 38))));
    }

    @Test
    void anyCategoryAddsNoTest() throws Exception {
        assertThat(condition("process.name == \"a*\""))
                .isEqualTo(test("process.name", Operator.EQ, "a*", true, "process.name == \"a*\"", 10, 30));
    }

    @Test
    void colonWithWildcardIsCaseInsensitiveWildcard() throws Exception {
        assertThat(condition("file.path : \"?:\\\\Windows\\\\*.exe\""))
                .isEqualTo(test("file.path", Operator.WILDCARD, "?:\\\\Windows\\\\*.exe", false,
                        "file.path : \"?:\\\\Windows\\\\*.exe\"", 10, 42));
    }

    @Test
    void notEqualsAndNull() throws Exception {
        assertThat(condition("a != \"x\" and b != null and c == null"))
                .isEqualTo(new Node.And(List.of(
                        new Node.Not(test("a", Operator.EQ, "x", true, "a != \"x\"", 10, 18)),
                        test("b", Operator.EXISTS, "true", true, "b != null", 23, 32),
                        test("c", Operator.EXISTS, "false", true, "c == null", 37, 46))));
    }

    @Test
    void likeAndRegexWithTilde() throws Exception {
        assertThat(condition("a like~ \"A*\" or b like \"b\" or c regex~ \"c.*\" or d regex \"d+\""))
                .isEqualTo(new Node.Or(List.of(
                        test("a", Operator.WILDCARD, "A*", false, "a like~ \"A*\"", 10, 22),
                        test("b", Operator.EQ, "b", true, "b like \"b\"", 26, 36),
                        test("c", Operator.REGEX_MATCH, "c.*", false, "c regex~ \"c.*\"", 40, 54),
                        test("d", Operator.REGEX_MATCH, "d+", true, "d regex \"d+\"", 58, 70))));
    }

    @Test
    void inListsAndNotIn() throws Exception {
        assertThat(condition("a in (\"x\", 4) and b in~ (\"Y\") and c not in (\"z\")"))
                .isEqualTo(new Node.And(List.of(
                        new Node.Or(List.of(
                                test("a", Operator.EQ, "x", true, "a in \"x\"", 16, 19),
                                test("a", Operator.EQ, "4", true, "a in 4", 21, 22))),
                        test("b", Operator.EQ, "Y", false, "b in~ \"Y\"", 35, 38),
                        new Node.Not(test("c", Operator.EQ, "z", true, "c not in \"z\"", 54, 57)))));
    }

    @Test
    void colonWithList() throws Exception {
        assertThat(condition("process.name : (\"a\", \"b*\")"))
                .isEqualTo(new Node.Or(List.of(
                        test("process.name", Operator.EQ, "a", false, "process.name : \"a\"", 26, 29),
                        test("process.name", Operator.WILDCARD, "b*", false, "process.name : \"b*\"", 31, 35))));
    }

    @Test
    void optionalAndBacktickFields() throws Exception {
        assertThat(condition("?`my field`.x == 1"))
                .isEqualTo(test("my field.x", Operator.EQ, "1", true, "?`my field`.x == 1", 10, 28));
    }

    @Test
    void stringEscapesAndRawStrings() throws Exception {
        assertThat(condition("a == \"q\\\"b\\\\c\\n\\u{41}\""))
                .isEqualTo(test("a", Operator.EQ, "q\"b\\c\nA", true, "a == \"q\\\"b\\\\c\\n\\u{41}\"", 10, 32));
        assertThat(condition("a == \"\"\"C:\\x\"\"\""))
                .isEqualTo(test("a", Operator.EQ, "C:\\x", true, "a == \"\"\"C:\\x\"\"\"", 10, 25));
    }

    @Test
    void numbersBooleansAndRanges() throws Exception {
        assertThat(condition("a == true and b >= 5 and c < -1"))
                .isEqualTo(new Node.And(List.of(
                        test("a", Operator.EQ, "true", true, "a == true", 10, 19),
                        test("b", Operator.GTE, "5", true, "b >= 5", 24, 30),
                        test("c", Operator.LT, "-1", true, "c < -1", 35, 41))));
    }

    @Test
    void precedenceWithParentheses() throws Exception {
        assertThat(condition("not a == 1 and (b == 2 or c == 3)"))
                .isEqualTo(new Node.And(List.of(
                        new Node.Not(test("a", Operator.EQ, "1", true, "a == 1", 14, 20)),
                        new Node.Or(List.of(
                                test("b", Operator.EQ, "2", true, "b == 2", 26, 32),
                                test("c", Operator.EQ, "3", true, "c == 3", 36, 42))))));
    }

    @Test
    void stringFunctionsBecomeWildcards() throws Exception {
        assertThat(condition("startsWith(a, \"x*\")"))
                .isEqualTo(test("a", Operator.WILDCARD, "x\\**", true, "startsWith(a, \"x*\")", 10, 29));
        assertThat(condition("endsWith~(a, \"x\", \"y\")"))
                .isEqualTo(new Node.Or(List.of(
                        test("a", Operator.WILDCARD, "*x", false, "endsWith~(a, \"x\", \"y\")", 10, 32),
                        test("a", Operator.WILDCARD, "*y", false, "endsWith~(a, \"x\", \"y\")", 10, 32))));
        assertThat(condition("stringContains(a, \"x\")"))
                .isEqualTo(test("a", Operator.WILDCARD, "*x*", true, "stringContains(a, \"x\")", 10, 32));
        assertThat(condition("wildcard(a, \"x*\")"))
                .isEqualTo(test("a", Operator.WILDCARD, "x*", true, "wildcard(a, \"x*\")", 10, 27));
        assertThat(condition("cidrMatch(ip, \"10.0.0.0/8\")"))
                .isEqualTo(test("ip", Operator.CIDR, "10.0.0.0/8", true, "cidrMatch(ip, \"10.0.0.0/8\")", 10, 37));
    }

    @Test
    void otherFunctionsAreOpaqueWithNotice() throws Exception {
        ParsedQuery parsed = EqlParser.parse("any where length(a) > 5");
        assertThat(parsed.tree()).isEqualTo(
                new Node.Opaque("length(a) > 5", "EQL function or computed value", Span.ofQuery(10, 23)));
        assertThat(parsed.notices()).containsExactly(new ParsedQuery.Notice(10, "eql-function",
                "The comparison \"length(a) > 5\" applies to a computed value, which is kept as opaque text."));
    }

    @Test
    void fieldComparisonIsOpaque() throws Exception {
        ParsedQuery parsed = EqlParser.parse("any where a == b");
        assertThat(parsed.tree()).isEqualTo(
                new Node.Opaque("a == b", "EQL comparison between two fields", Span.ofQuery(10, 16)));
        assertThat(parsed.notices()).containsExactly(new ParsedQuery.Notice(10, "eql-field-comparison",
                "The comparison between two fields \"a == b\" is kept as opaque text."));
    }

    @Test
    void sequenceKeepsKeysPerStepRunsAndUntil() throws Exception {
        String query = "sequence by host.id with maxspan=5m [process where a == 1] by p.id"
                + " [file where b == 2] by q.id with runs=3 until [process where c == 3] by p.id";
        ParsedQuery parsed = EqlParser.parse(query);
        assertThat(parsed.tree()).isEqualTo(new Node.Sequence(List.of("host.id"), "5m", List.of(
                new Node.And(List.of(
                        test("event.category", Operator.EQ, "process", true, "process where", 37, 50),
                        test("a", Operator.EQ, "1", true, "a == 1", 51, 57))),
                new Node.And(List.of(
                        test("event.category", Operator.EQ, "file", true, "file where", 68, 78),
                        test("b", Operator.EQ, "2", true, "b == 2", 79, 85)))),
                Span.ofQuery(0, 143), List.of(List.of("p.id"), List.of("q.id")), List.of(1, 3),
                new Node.And(List.of(
                        test("event.category", Operator.EQ, "process", true, "process where", 114, 127),
                        test("c", Operator.EQ, "3", true, "c == 3", 128, 134))),
                true));
        assertThat(parsed.notices()).isEmpty();
        Node.Sequence sequence = (Node.Sequence) parsed.tree();
        assertThat(sequence.keys(1)).containsExactly("host.id", "q.id");
    }

    @Test
    void sequenceStepsWithUnequalKeysFail() {
        assertThatThrownBy(() -> EqlParser.parse("sequence [any where a == 1] by x [any where b == 2]"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("this step joins on 0 fields but the first one on 1");
    }

    @Test
    void runsMustBeACount() {
        assertThatThrownBy(() -> EqlParser.parse("sequence [any where a == 1] with runs=0 [any where b == 2]"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("expected a run count from 1 to 9999");
    }

    @Test
    void sampleIsUnorderedSequence() throws Exception {
        assertThat(tree("sample by h [any where a == 1] [any where b == 2]"))
                .isEqualTo(new Node.Sequence(List.of("h"), "", List.of(
                        test("a", Operator.EQ, "1", true, "a == 1", 23, 29),
                        test("b", Operator.EQ, "2", true, "b == 2", 42, 48)),
                        Span.ofQuery(0, 49), List.of(), List.of(), null, false));
    }

    @Test
    void missingStepIsNegated() throws Exception {
        assertThat(tree("sequence [any where a == 1] ![any where b == 2]"))
                .isEqualTo(new Node.Sequence(List.of(), "", List.of(
                        test("a", Operator.EQ, "1", true, "a == 1", 20, 26),
                        new Node.Not(test("b", Operator.EQ, "2", true, "b == 2", 40, 46))),
                        Span.ofQuery(0, 47)));
    }

    @Test
    void pipeIsOpaqueAndedIn() throws Exception {
        assertThat(tree("process where a == 1 | head 5"))
                .isEqualTo(new Node.And(List.of(
                        test("event.category", Operator.EQ, "process", true, "process where", 0, 13),
                        test("a", Operator.EQ, "1", true, "a == 1", 14, 20),
                        new Node.Opaque("| head 5", "EQL pipe", Span.ofQuery(21, 29)))));
    }

    @Test
    void errorMissingCondition() {
        assertThatThrownBy(() -> EqlParser.parse("process where"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:14: Invalid EQL: unexpected end of query; expected a field, a value, a function call"
                        + " or \"(\".");
    }

    @Test
    void errorMissingWhere() {
        assertThatThrownBy(() -> EqlParser.parse("process.name : \"a\""))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:14: Invalid EQL: unexpected \":\"; expected \"where\" after the event category.");
    }

    @Test
    void errorInvalidEscape() {
        assertThatThrownBy(() -> EqlParser.parse("any where\n f : \"a\\q\""))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("2:8: Invalid EQL: invalid escape sequence '\\q'; expected one of \\\\ \\\" \\' \\n \\r \\t"
                        + " \\b \\f \\u{hex}.");
    }

    @Test
    void errorUnclosedString() {
        assertThatThrownBy(() -> EqlParser.parse("any where f : \"abc"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:15: Invalid EQL: the string starting here is not closed; expected \".");
    }

    @Test
    void errorNestingTooDeep() {
        String query = "any where " + "(".repeat(150) + "a == 1" + ")".repeat(150);
        assertThatThrownBy(() -> EqlParser.parse(query))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:111: Invalid EQL: the query nests deeper than 100 levels.");
    }
}
