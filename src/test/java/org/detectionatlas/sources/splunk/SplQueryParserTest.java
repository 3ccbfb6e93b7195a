package org.detectionatlas.sources.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class SplQueryParserTest {

    /** A search-command predicate: case-insensitive, original taken from the search at [start, end). */
    private static Predicate search(String search, String field, Operator operator, String value, int start,
            int end) {
        return Predicate.of(field, operator, value, false, search.substring(start, end), Span.ofQuery(start, end));
    }

    private static Predicate where(String search, String field, Operator operator, String value,
            boolean caseSensitive, int start, int end) {
        return Predicate.of(field, operator, value, caseSensitive, search.substring(start, end),
                Span.ofQuery(start, end));
    }

    private static Node tree(String search) {
        SplQueryParser.Result result = SplQueryParser.parse(search);
        assertThat(result.issues()).isEmpty();
        return result.tree();
    }

    @Test
    void searchEqualityAndWildcard() {
        String spl = "process_name=cmd.exe process=\"*whoami*\"";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "process_name", Operator.EQ, "cmd.exe", 0, 20),
                search(spl, "process", Operator.WILDCARD, "*whoami*", 21, 39))));
    }

    @Test
    void searchNotEqualIsNegated() {
        String spl = "user!=SYSTEM";
        assertThat(tree(spl)).isEqualTo(new Node.Not(search(spl, "user", Operator.EQ, "SYSTEM", 0, 12)));
    }

    @Test
    void searchOrBindsTighterThanAnd() {
        String spl = "a=1 b=2 OR c=3";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Or(List.of(
                        search(spl, "b", Operator.EQ, "2", 4, 7),
                        search(spl, "c", Operator.EQ, "3", 11, 14))))));
    }

    @Test
    void searchNotAndParenthesesAndExplicitAnd() {
        String spl = "NOT (a=1 OR b=2) AND c=3";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                new Node.Not(new Node.Or(List.of(
                        search(spl, "a", Operator.EQ, "1", 5, 8),
                        search(spl, "b", Operator.EQ, "2", 12, 15)))),
                search(spl, "c", Operator.EQ, "3", 21, 24))));
    }

    @Test
    void searchLowerCaseOrIsATerm() {
        String spl = "a=1 or";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                Predicate.of(null, Operator.MATCH, "or", false, "or", Span.ofQuery(4, 6)))));
    }

    @Test
    void searchInListGivesOrWithListText() {
        String spl = "EventCode IN (4624, \"46*\")";
        assertThat(tree(spl)).isEqualTo(new Node.Or(List.of(
                search(spl, "EventCode", Operator.EQ, "4624", 0, 26),
                search(spl, "EventCode", Operator.WILDCARD, "46*", 0, 26))));
    }

    @Test
    void searchComparisons() {
        String spl = "a<1 b<=2 c>3 d>=4";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.LT, "1", 0, 3),
                search(spl, "b", Operator.LTE, "2", 4, 8),
                search(spl, "c", Operator.GT, "3", 9, 12),
                search(spl, "d", Operator.GTE, "4", 13, 17))));
    }

    @Test
    void searchBareTermsAreFreeText() {
        String spl = "mimikatz \"sekurlsa::logonpasswords\"";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                Predicate.of(null, Operator.MATCH, "mimikatz", false, "mimikatz", Span.ofQuery(0, 8)),
                Predicate.of(null, Operator.MATCH, "sekurlsa::logonpasswords", false,
                        "\"sekurlsa::logonpasswords\"", Span.ofQuery(9, 35)))));
    }

    @Test
    void searchBackslashEscapes() {
        // SPL: path="C:\\Windows\\*" tests C:\Windows\ followed by anything.
        String spl = "path=\"C:\\\\Windows\\\\*\" q=\"say \\\"hi\\\"\"";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "path", Operator.WILDCARD, "C:\\\\Windows\\\\*", 0, 21),
                search(spl, "q", Operator.EQ, "say \"hi\"", 22, 36))));
    }

    @Test
    void searchSingleBackslashStaysLiteral() {
        String spl = "path=*\\Temp\\*";
        assertThat(tree(spl)).isEqualTo(search(spl, "path", Operator.WILDCARD, "*\\\\Temp\\\\*", 0, 13));
    }

    @Test
    void searchQuotedFieldName() {
        String spl = "\"DNS.reply_code\"!=\"No Error\"";
        assertThat(tree(spl)).isEqualTo(new Node.Not(search(spl, "DNS.reply_code", Operator.EQ, "No Error", 0, 28)));
    }

    @Test
    void searchValueWithParentheses() {
        String spl = "process=*GetCurrent()*";
        assertThat(tree(spl)).isEqualTo(search(spl, "process", Operator.WILDCARD, "*GetCurrent()*", 0, 22));
    }

    @Test
    void searchSubsearchIsOpaque() {
        String spl = "a=1 [search b=2 | fields c]";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("[search b=2 | fields c]", "subsearch results are not known when the rule is read",
                        Span.ofQuery(4, 27)))));
    }

    @Test
    void searchOnEvalFieldIsOpaque() {
        String spl = "a=1 | eval b=lower(c), d=\"x\" | search b=2 e=3";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("b=2", "filter on b, a field computed by an earlier eval",
                        Span.ofQuery(38, 41)),
                search(spl, "e", Operator.EQ, "3", 42, 45))));
    }

    @Test
    void rexGroupsAreComputedFields() {
        String spl = "a=1 | rex field=b \"(?<user>\\w+)\" | search user=x";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("user=x", "filter on user, a field computed by an earlier rex",
                        Span.ofQuery(42, 48)))));
    }

    @Test
    void filterAfterStatsKeepsGroupByFields() {
        String spl = "a=1 | stats count by b | where count > 5 | search b=x c=y";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("count > 5", "filter on count, an aggregated value of stats", Span.ofQuery(31, 40)),
                search(spl, "b", Operator.EQ, "x", 50, 53),
                new Node.Opaque("c=y", "filter on c, an aggregated value of stats", Span.ofQuery(54, 57)))));
    }

    @Test
    void freeTextAfterStatsIsOpaque() {
        String spl = "a=1 | stats count by b | search x";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("x", "free-text search on rows aggregated by stats", Span.ofQuery(32, 33)))));
    }

    @Test
    void renameMapsBackToLoggedField() {
        String spl = "a=1 | rename process_name AS proc, \"user id\" as uid | search proc=cmd.exe | where uid=\"x\"";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                search(spl, "process_name", Operator.EQ, "cmd.exe", 61, 73),
                where(spl, "user id", Operator.EQ, "x", true, 82, 89))));
    }

    @Test
    void wildcardRenameMapsBack() {
        String spl = "a=1 | rename Processes.* AS p_* | search p_name=x";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                search(spl, "Processes.name", Operator.EQ, "x", 41, 49))));
    }

    @Test
    void renameOfComputedFieldStaysComputed() {
        String spl = "a=1 | eval b=1 | rename b as c | search c=1";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("c=1", "filter on c, a field computed by an earlier eval", Span.ofQuery(40, 43)))));
    }

    @Test
    void dropDmObjectNameRenamesGroupBy() {
        String spl = "| tstats count from datamodel=Endpoint.Registry by Registry.registry_value_data Registry.dest"
                + " | `drop_dm_object_name(Registry)` | where isnotnull(registry_value_data) AND count > 2";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                where(spl, "Registry.registry_value_data", Operator.EXISTS, "true", false, 136, 166),
                new Node.Opaque("count > 2", "filter on count, an aggregated value of tstats",
                        Span.ofQuery(171, 180)))));
    }

    @Test
    void innerJoinSubsearchFiltersJoinTheTree() {
        String spl = "a=1 | join type=inner guid [search b=2 | eval c=1 | search c=3] | search d=4";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                search(spl, "b", Operator.EQ, "2", 35, 38),
                new Node.Opaque("c=3", "filter on c, a field computed by an earlier eval", Span.ofQuery(59, 62)),
                search(spl, "d", Operator.EQ, "4", 73, 76))));
    }

    @Test
    void leftJoinFiltersNothing() {
        String spl = "a=1 | join type=left guid [search b=2]";
        assertThat(tree(spl)).isEqualTo(search(spl, "a", Operator.EQ, "1", 0, 3));
    }

    @Test
    void appendMakesOrWithWhatCameBefore() {
        String spl = "a=1 c=2 | append [search b=2] | search d=4";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                new Node.Or(List.of(
                        new Node.And(List.of(
                                search(spl, "a", Operator.EQ, "1", 0, 3),
                                search(spl, "c", Operator.EQ, "2", 4, 7))),
                        search(spl, "b", Operator.EQ, "2", 25, 28))),
                search(spl, "d", Operator.EQ, "4", 39, 42))));
    }

    @Test
    void mapSearchIsParsedWithTokensOpaque() {
        String spl = "a=1 | map maxsearches=5 search=\"search b=\\\"x y\\\" c=$c$\"";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                Predicate.of("b", Operator.EQ, "x y", false, "b= \"x y\"", Span.ofQuery(39, 47)),
                new Node.Opaque("c=$c$", "the value comes from each row of the outer search, through a map token",
                        Span.ofQuery(49, 54)))));
    }

    @Test
    void unknownCommandIsSkippedAndListed() {
        SplQueryParser.Result result = SplQueryParser.parse("a=1 | frobnicate x | search b=2");
        assertThat(result.issues()).isEmpty();
        assertThat(result.skipped()).containsExactly(new SplQueryParser.Issue(6, false,
                "The command \"frobnicate\" is not one Detection Atlas knows, so it was skipped; a later filter on "
                        + "a field it sets is read as a filter on the event."));
        assertThat(result.tree()).isEqualTo(new Node.And(List.of(
                search("a=1", "a", Operator.EQ, "1", 0, 3),
                Predicate.of("b", Operator.EQ, "2", false, "b=2", Span.ofQuery(28, 31)))));
    }

    @Test
    void inListToleratesStrayCommas() {
        String spl = "p IN (,\"a\",,b,)";
        assertThat(tree(spl)).isEqualTo(new Node.Or(List.of(
                search(spl, "p", Operator.EQ, "a", 0, 15),
                search(spl, "p", Operator.EQ, "b", 0, 15))));
    }

    @Test
    void whereNumberMayStartWithDot() {
        String spl = "| where ratio < .25";
        assertThat(tree(spl)).isEqualTo(where(spl, "ratio", Operator.LT, ".25", true, 8, 19));
    }

    @Test
    void whereKeywordsInAnyCase() {
        String spl = "| where a=\"1\" or not b like \"x%\"";
        assertThat(tree(spl)).isEqualTo(new Node.Or(List.of(
                where(spl, "a", Operator.EQ, "1", true, 8, 13),
                new Node.Not(where(spl, "b", Operator.WILDCARD, "x*", true, 21, 32)))));
    }

    @Test
    void deepNegationIsRejected() {
        SplQueryParser.Result result = SplQueryParser.parse("NOT ".repeat(150) + "a=1");
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(396, false,
                "The expression nests deeper than 100 parentheses or NOT operators."));
    }

    @Test
    void deepWhereNestingIsRejected() {
        SplQueryParser.Result result = SplQueryParser.parse("| where " + "(".repeat(150) + "a=1" + ")".repeat(150));
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(107, false,
                "The condition nests deeper than 100 levels."));
    }

    @Test
    void longMinusRunIsRejected() {
        SplQueryParser.Result result = SplQueryParser.parse("| where a = " + "-".repeat(100_000) + "1");
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(111, false,
                "The condition nests deeper than 100 levels."));
    }

    @Test
    void unclosedParenthesisIsInvalidAtEnd() {
        SplQueryParser.Result result = SplQueryParser.parse("(a=1 OR b=2");
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(11, true,
                "Found \"the end of the search\" where a search term, a field comparison, \"(\" or \")\" was "
                        + "expected."));
    }

    @Test
    void whereSyntaxErrorIsPlaced() {
        SplQueryParser.Result result = SplQueryParser.parse("| where a = = 1");
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(12, false,
                "Found \"=\" where a field, a value, a function call, an operator or a parenthesis was expected."));
    }

    @Test
    void eventstatsDoesNotTransform() {
        String spl = "a=1 | eventstats count as n by b | search b=x";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                search(spl, "b", Operator.EQ, "x", 42, 45))));
    }

    @Test
    void tstatsWhereClauseAndDatamodel() {
        String spl = "| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes "
                + "where Processes.process_name=cmd.exe by Processes.dest | where count > 1";
        SplQueryParser.Result result = SplQueryParser.parse(spl);
        assertThat(result.datamodel()).isEqualTo("Endpoint.Processes");
        assertThat(result.issues()).isEmpty();
        assertThat(result.tree()).isEqualTo(new Node.And(List.of(
                search(spl, "Processes.process_name", Operator.EQ, "cmd.exe", 79, 109),
                new Node.Opaque("count > 1", "filter on count, an aggregated value of tstats",
                        Span.ofQuery(136, 145)))));
    }

    @Test
    void tstatsWithoutWhereHasEmptyTree() {
        SplQueryParser.Result result = SplQueryParser.parse("| tstats count from datamodel=Web by Web.src");
        assertThat(result.datamodel()).isEqualTo("Web");
        assertThat(result.tree()).isEqualTo(new Node.And(List.of()));
    }

    @Test
    void fromDatamodelKeepsDatamodel() {
        String spl = "| from datamodel Web.Web | search Web.status=200";
        SplQueryParser.Result result = SplQueryParser.parse(spl);
        assertThat(result.datamodel()).isEqualTo("Web.Web");
        assertThat(result.tree()).isEqualTo(search(spl, "Web.status", Operator.EQ, "200", 34, 48));
    }

    @Test
    void explicitLeadingSearchCommand() {
        String spl = "search a=1";
        assertThat(tree(spl)).isEqualTo(search(spl, "a", Operator.EQ, "1", 7, 10));
    }

    @Test
    void tripleBacktickCommentIsIgnored() {
        String spl = "a=1 ```a | comment``` | search b=2";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                search(spl, "b", Operator.EQ, "2", 31, 34))));
    }

    @Test
    void pipeInsideQuotesDoesNotSplit() {
        String spl = "cmd=\"a|b\" | search c=1";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "cmd", Operator.EQ, "a|b", 0, 9),
                search(spl, "c", Operator.EQ, "1", 19, 22))));
    }

    @Test
    void undefinedMacroStageBeforeStatsIsOpaque() {
        String spl = "a=1 | `get_asset(src)` | stats count | `drop_dm_object_name(x)`";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("`get_asset(src)`", "the macro is not defined in the corpus, so what it does is unknown",
                        Span.ofQuery(6, 22)))));
    }

    @Test
    void regexStageIsRegexMatch() {
        String spl = "a=1 | regex process=\"(/d\\s+2)\" | regex cmd!=\"x\"";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                where(spl, "process", Operator.REGEX_MATCH, "(/d\\s+2)", true, 12, 30),
                new Node.Not(where(spl, "cmd", Operator.REGEX_MATCH, "x", true, 39, 47)))));
    }

    @Test
    void whereComparisonsAreCaseSensitive() {
        String spl = "| where user=\"Admin\" AND count>=3 AND \"x\"!=dest";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                where(spl, "user", Operator.EQ, "Admin", true, 8, 20),
                where(spl, "count", Operator.GTE, "3", true, 25, 33),
                new Node.Not(where(spl, "dest", Operator.EQ, "x", true, 38, 47)))));
    }

    @Test
    void whereAndBindsTighterThanOr() {
        String spl = "| where a=1 OR b=2 AND c=3";
        assertThat(tree(spl)).isEqualTo(new Node.Or(List.of(
                where(spl, "a", Operator.EQ, "1", true, 8, 11),
                new Node.And(List.of(
                        where(spl, "b", Operator.EQ, "2", true, 15, 18),
                        where(spl, "c", Operator.EQ, "3", true, 23, 26))))));
    }

    @Test
    void whereFunctions() {
        String spl = "| where like(p, \"%cmd_%\") AND match(a, \"^x\\\\d\") AND cidrmatch(\"10.0.0.0/8\", src)"
                + " AND isnull(b) AND isnotnull(c)";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                where(spl, "p", Operator.WILDCARD, "*cmd?*", true, 8, 25),
                where(spl, "a", Operator.REGEX_MATCH, "^x\\d", true, 30, 47),
                where(spl, "src", Operator.CIDR, "10.0.0.0/8", false, 52, 80),
                where(spl, "b", Operator.EXISTS, "false", false, 85, 94),
                where(spl, "c", Operator.EXISTS, "true", false, 99, 111))));
    }

    @Test
    void whereLowerMakesTestCaseInsensitive() {
        String spl = "| where lower(user) like \"adm%\" OR upper(host)=\"DC1\"";
        assertThat(tree(spl)).isEqualTo(new Node.Or(List.of(
                where(spl, "user", Operator.WILDCARD, "adm*", false, 8, 31),
                where(spl, "host", Operator.EQ, "DC1", false, 35, 52))));
    }

    @Test
    void whereNotInList() {
        String spl = "| where NOT dest IN (\"a\", \"b\")";
        assertThat(tree(spl)).isEqualTo(new Node.Not(new Node.Or(List.of(
                where(spl, "dest", Operator.EQ, "a", true, 12, 30),
                where(spl, "dest", Operator.EQ, "b", true, 12, 30)))));
    }

    @Test
    void whereInListOnComputedFieldIsOpaque() {
        String spl = "a=1 | eval r=lower(b) | where r IN (\"x\", \"y\")";
        assertThat(tree(spl)).isEqualTo(new Node.And(List.of(
                search(spl, "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("r IN (\"x\", \"y\")",
                        "filter on r, a field computed by an earlier eval", Span.ofQuery(30, 45)))));
    }

    @Test
    void whereFieldAgainstFieldIsOpaque() {
        String spl = "| where src != dest";
        assertThat(tree(spl)).isEqualTo(new Node.Opaque("src != dest",
                "the comparison does not test a field against a literal", Span.ofQuery(8, 19)));
    }

    @Test
    void whereOtherFunctionIsOpaque() {
        String spl = "| where len(cmd) > 100";
        assertThat(tree(spl)).isEqualTo(new Node.Opaque("len(cmd) > 100",
                "the test does not compare a field with a literal", Span.ofQuery(8, 22)));
    }

    @Test
    void likeWildcardEscapesLiteralStars() {
        assertThat(SplWhereParser.likeToWildcard("a*b?c\\%_")).isEqualTo("a\\*b\\?c\\\\*?");
    }

    @Test
    void unclosedQuoteIsInvalidWithColumn() {
        SplQueryParser.Result result = SplQueryParser.parse("a=1 | search b=\"open");
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(15, true,
                "The quoted text starting \"\"open\" has no closing \"."));
        assertThat(result.tree()).isEqualTo(new Node.And(List.of(
                search("a=1", "a", Operator.EQ, "1", 0, 3),
                new Node.Opaque("search b=\"open", "not understood: The quoted text starting \"\"open\" has no closing \".",
                        Span.ofQuery(6, 20)))));
    }

    @Test
    void missingValueIsUnsupportedWithColumn() {
        SplQueryParser.Result result = SplQueryParser.parse("a= )");
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(3, false,
                "The comparison \"a=\" has no value: found \")\" where a word or a quoted value was expected."));
    }

    @Test
    void unclosedCommentFailsWholeSearch() {
        SplQueryParser.Result result = SplQueryParser.parse("a=1 ``` open");
        assertThat(result.tree()).isNull();
        assertThat(result.issues()).containsExactly(new SplQueryParser.Issue(4, true,
                "The comment starting \"``` open\" has no closing ```."));
    }

    @Test
    void deepNestingIsRejected() {
        String spl = "(".repeat(150) + "a=1" + ")".repeat(150);
        SplQueryParser.Result result = SplQueryParser.parse(spl);
        assertThat(result.issues()).hasSize(1);
        assertThat(result.issues().get(0).message())
                .isEqualTo("The expression nests deeper than 100 parentheses or NOT operators.");
        assertThat(result.tree()).isInstanceOf(Node.Opaque.class);
    }

    @Test
    void tooLongSearchIsRejected() {
        SplQueryParser.Result result = SplQueryParser.parse("a".repeat(SplQueryParser.MAX_SEARCH_LENGTH + 1));
        assertThat(result.tree()).isNull();
        assertThat(result.issues()).hasSize(1);
    }
}
