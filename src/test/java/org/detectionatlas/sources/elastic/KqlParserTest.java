package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class KqlParserTest {

    private static Predicate test(String field, Operator operator, String value, String original, int start,
            int end) {
        return Predicate.of(field, operator, value, true, original, Span.ofQuery(start, end));
    }

    @Test
    void unquotedValueIsExactCaseSensitive() throws Exception {
        assertThat(KqlParser.parse("process.name:cmd.exe"))
                .isEqualTo(test("process.name", Operator.EQ, "cmd.exe", "process.name:cmd.exe", 0, 20));
    }

    @Test
    void quotedValueKeepsStarLiteral() throws Exception {
        assertThat(KqlParser.parse("process.name : \"cmd *.exe\""))
                .isEqualTo(test("process.name", Operator.EQ, "cmd *.exe", "process.name : \"cmd *.exe\"", 0, 26));
    }

    @Test
    void quotedBackslashBeforeLetterIsLiteral() throws Exception {
        assertThat(KqlParser.parse("file.directory: \"C:\\Program Files\\x \\\"y\\\"\""))
                .isEqualTo(test("file.directory", Operator.EQ, "C:\\Program Files\\x \"y\"",
                        "file.directory: \"C:\\Program Files\\x \\\"y\\\"\"", 0, 42));
    }

    @Test
    void unquotedStarIsWildcard() throws Exception {
        assertThat(KqlParser.parse("process.name:*cmd?*"))
                .isEqualTo(test("process.name", Operator.WILDCARD, "*cmd\\?*", "process.name:*cmd?*", 0, 19));
    }

    @Test
    void escapedCharactersAreLiteral() throws Exception {
        assertThat(KqlParser.parse("file.path:C\\:\\\\Windows\\*"))
                .isEqualTo(test("file.path", Operator.EQ, "C:\\Windows*", "file.path:C\\:\\\\Windows\\*", 0, 24));
        assertThat(KqlParser.parse("file.path:C\\:\\\\Win*"))
                .isEqualTo(test("file.path", Operator.WILDCARD, "C:\\\\Win*", "file.path:C\\:\\\\Win*", 0, 19));
    }

    @Test
    void unquotedValueSpansWordsUntilKeyword() throws Exception {
        assertThat(KqlParser.parse("event.reason:access denied or user.name:root"))
                .isEqualTo(new Node.Or(List.of(
                        test("event.reason", Operator.EQ, "access denied", "event.reason:access denied", 0, 26),
                        test("user.name", Operator.EQ, "root", "user.name:root", 30, 44))));
    }

    @Test
    void textFieldValueIsCaselessMatch() throws Exception {
        assertThat(KqlParser.parse("powershell.file.script_block_text : \"VirtualAlloc\""))
                .isEqualTo(Predicate.of("powershell.file.script_block_text", Operator.MATCH, "VirtualAlloc", false,
                        "powershell.file.script_block_text : \"VirtualAlloc\"", Span.ofQuery(0, 50)));
    }

    @Test
    void caselessKeywordIsCaseInsensitiveEq() throws Exception {
        assertThat(KqlParser.parse("process.name.caseless:cmd.exe"))
                .isEqualTo(Predicate.of("process.name.caseless", Operator.EQ, "cmd.exe", false,
                        "process.name.caseless:cmd.exe", Span.ofQuery(0, 29)));
    }

    @Test
    void rangesKeepNumberText() throws Exception {
        assertThat(KqlParser.parse("event.duration >= 5 and f < 10"))
                .isEqualTo(new Node.And(List.of(
                        test("event.duration", Operator.GTE, "5", "event.duration >= 5", 0, 19),
                        test("f", Operator.LT, "10", "f < 10", 24, 30))));
    }

    @Test
    void notBindsTighterThanAndThanOr() throws Exception {
        assertThat(KqlParser.parse("a:1 or b:2 and NOT c:3"))
                .isEqualTo(new Node.Or(List.of(
                        test("a", Operator.EQ, "1", "a:1", 0, 3),
                        new Node.And(List.of(
                                test("b", Operator.EQ, "2", "b:2", 7, 10),
                                new Node.Not(test("c", Operator.EQ, "3", "c:3", 19, 22)))))));
    }

    @Test
    void groupsFlattenIntoParent() throws Exception {
        assertThat(KqlParser.parse("(a:1 and b:2) and c:3"))
                .isEqualTo(new Node.And(List.of(
                        test("a", Operator.EQ, "1", "a:1", 1, 4),
                        test("b", Operator.EQ, "2", "b:2", 9, 12),
                        test("c", Operator.EQ, "3", "c:3", 18, 21))));
    }

    @Test
    void valueListBecomesOrOfField() throws Exception {
        assertThat(KqlParser.parse("event.type:(start or process_started or \"info\")"))
                .isEqualTo(new Node.Or(List.of(
                        test("event.type", Operator.EQ, "start", "event.type:start", 12, 17),
                        test("event.type", Operator.EQ, "process_started", "event.type:process_started", 21, 36),
                        test("event.type", Operator.EQ, "info", "event.type:\"info\"", 40, 46))));
    }

    @Test
    void valueListWithNot() throws Exception {
        assertThat(KqlParser.parse("f:(a and not b)"))
                .isEqualTo(new Node.And(List.of(
                        test("f", Operator.EQ, "a", "f:a", 3, 4),
                        new Node.Not(test("f", Operator.EQ, "b", "f:b", 13, 14)))));
    }

    @Test
    void nestedQueryPrefixesFields() throws Exception {
        assertThat(KqlParser.parse("user:{ name:x and id:1 }"))
                .isEqualTo(new Node.And(List.of(
                        test("user.name", Operator.EQ, "x", "name:x", 7, 13),
                        test("user.id", Operator.EQ, "1", "id:1", 18, 22))));
    }

    @Test
    void freeTextIsMatchWithoutField() throws Exception {
        assertThat(KqlParser.parse("mimikatz"))
                .isEqualTo(Predicate.of(null, Operator.MATCH, "mimikatz", false, "mimikatz", Span.ofQuery(0, 8)));
        assertThat(KqlParser.parse("\"sekurlsa::logonpasswords\""))
                .isEqualTo(Predicate.of(null, Operator.MATCH, "sekurlsa::logonpasswords", false,
                        "\"sekurlsa::logonpasswords\"", Span.ofQuery(0, 26)));
    }

    @Test
    void starFieldAndStarValue() throws Exception {
        assertThat(KqlParser.parse("process.*:cmd"))
                .isEqualTo(test("process.*", Operator.EQ, "cmd", "process.*:cmd", 0, 13));
        assertThat(KqlParser.parse("user.name:*"))
                .isEqualTo(test("user.name", Operator.EXISTS, "true", "user.name:*", 0, 11));
    }

    @Test
    void keywordPrefixIsNotKeyword() throws Exception {
        assertThat(KqlParser.parse("process.name:notepad.exe"))
                .isEqualTo(test("process.name", Operator.EQ, "notepad.exe", "process.name:notepad.exe", 0, 24));
    }

    @Test
    void luceneRegexAndQuestionMark() throws Exception {
        assertThat(KqlParser.parseLucene("process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:ro?t"))
                .isEqualTo(new Node.And(List.of(
                        new Node.Or(List.of(
                                test("process.args", Operator.EQ, "g+s", "process.args:g+s", 14, 17),
                                test("process.args", Operator.REGEX_MATCH, "2[0-9]{3}", "process.args:/2[0-9]{3}/",
                                        21, 32))),
                        new Node.Not(test("user.name", Operator.WILDCARD, "ro?t", "user.name:ro?t", 42, 56)))));
    }

    @Test
    void luceneRangesInclusiveExclusiveAndOpen() throws Exception {
        String query = "a:[1 TO 5} AND b:{* TO 10] AND c:[* TO *]";
        assertThat(KqlParser.parseLucene(query)).isEqualTo(new Node.And(List.of(
                test("a", Operator.GTE, "1", "a:[1 TO 5}", 0, 10),
                test("a", Operator.LT, "5", "a:[1 TO 5}", 0, 10),
                test("b", Operator.LTE, "10", "b:{* TO 10]", 15, 26),
                test("c", Operator.EXISTS, "true", "c:[* TO *]", 31, 41))));
    }

    @Test
    void lucenePrefixesAndBoost() throws Exception {
        assertThat(KqlParser.parseLucene("+a:1^2 AND -b:2 AND !c:3")).isEqualTo(new Node.And(List.of(
                test("a", Operator.EQ, "1", "a:1^2", 1, 6),
                new Node.Not(test("b", Operator.EQ, "2", "b:2", 12, 15)),
                new Node.Not(test("c", Operator.EQ, "3", "c:3", 21, 24)))));
    }

    @Test
    void luceneFuzzyValueIsOpaque() throws Exception {
        assertThat(KqlParser.parseLucene("user.name:admin~2 OR \"a b\"~3")).isEqualTo(new Node.Or(List.of(
                new Node.Opaque("user.name:admin~2", "Lucene fuzzy or proximity search", Span.ofQuery(0, 17)),
                new Node.Opaque("\"a b\"~3", "Lucene fuzzy or proximity search", Span.ofQuery(21, 28)))));
    }

    @Test
    void luceneRangeWithoutTo() {
        assertThatThrownBy(() -> KqlParser.parseLucene("a:[1 5]"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:6: Invalid Lucene query: unexpected \"5]\"; expected \"TO\" between the bounds of the"
                        + " range.");
    }

    @Test
    void errorMissingValue() {
        assertThatThrownBy(() -> KqlParser.parse("process.name:"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:14: Invalid KQL: unexpected end of query; expected a value after \"process.name:\".");
    }

    @Test
    void errorUnclosedGroup() {
        assertThatThrownBy(() -> KqlParser.parse("(a:1\nand b:2"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("2:8: Invalid KQL: unexpected end of query; expected \")\" to close the group.");
    }

    @Test
    void errorUnclosedString() {
        assertThatThrownBy(() -> KqlParser.parse("a:\"x"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:3: Invalid KQL: the quoted string starting here is not closed; expected a closing '\"'.");
    }

    @Test
    void errorTrailingText() {
        assertThatThrownBy(() -> KqlParser.parse("a:1 )"))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:5: Invalid KQL: unexpected \")\"; expected \"and\", \"or\" or the end.");
    }

    @Test
    void errorNestingTooDeep() {
        String query = "(".repeat(150) + "a:1" + ")".repeat(150);
        assertThatThrownBy(() -> KqlParser.parse(query))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("1:101: Invalid KQL: the query nests deeper than 100 levels.");
    }
}
