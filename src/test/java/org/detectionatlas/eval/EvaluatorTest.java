package org.detectionatlas.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private final Evaluator evaluator = new Evaluator();

    private static Predicate test(String field, Operator operator, String value) {
        return Predicate.of(field, operator, value, false, field + ": " + value, Span.UNKNOWN);
    }

    private static Predicate cased(String field, Operator operator, String value) {
        return Predicate.of(field, operator, value, true, field + ": " + value, Span.UNKNOWN);
    }

    private Verdict verdict(Node tree, String json) throws Exception {
        return evaluator.evaluate(tree, EventReader.read(json).get(0)).verdict();
    }

    @Test
    void eqIgnoresCaseByDefault() throws Exception {
        assertThat(verdict(test("Image", Operator.EQ, "C:\\Windows\\CMD.exe"), "{\"Image\": \"c:\\\\windows\\\\cmd.EXE\"}"))
                .isEqualTo(Verdict.MATCH);
    }

    @Test
    void casedEqComparesCase() throws Exception {
        assertThat(verdict(cased("A", Operator.EQ, "Abc"), "{\"A\": \"abc\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(cased("A", Operator.EQ, "Abc"), "{\"A\": \"Abc\"}")).isEqualTo(Verdict.MATCH);
    }

    @Test
    void eqMatchesNumbersAsText() throws Exception {
        assertThat(verdict(test("EventID", Operator.EQ, "4688"), "{\"EventID\": 4688}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("EventID", Operator.EQ, "4688"), "{\"EventID\": \"4688\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("EventID", Operator.EQ, "4688"), "{\"EventID\": 4688.0}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("EventID", Operator.EQ, "04688"), "{\"EventID\": \"4688\"}"))
                .isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void emptyStringMatchesOnlyEmpty() throws Exception {
        assertThat(verdict(test("A", Operator.EQ, ""), "{\"A\": \"\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("A", Operator.EQ, ""), "{\"A\": null}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("A", Operator.EQ, ""), "{}")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void wildcardHandlesStarQuestionAndEscapes() throws Exception {
        assertThat(verdict(test("A", Operator.WILDCARD, "*\\\\cmd.exe"), "{\"A\": \"C:\\\\x\\\\CMD.EXE\"}"))
                .isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "a?c"), "{\"A\": \"abc\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "a?c"), "{\"A\": \"ac\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "*\\**"), "{\"A\": \"x*y\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "*\\**"), "{\"A\": \"xy\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "what\\?*"), "{\"A\": \"what?now\"}"))
                .isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "what\\?*"), "{\"A\": \"whatxnow\"}"))
                .isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void wildcardBacktracksOverRepeats() throws Exception {
        assertThat(verdict(test("A", Operator.WILDCARD, "*ab*abc"), "{\"A\": \"aabababc\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("A", Operator.WILDCARD, "*a*a*a*a*b"), "{\"A\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"))
                .isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void regexFindsAnywhereAndRespectsCase() throws Exception {
        assertThat(verdict(cased("A", Operator.REGEX_MATCH, "b+c"), "{\"A\": \"abbcd\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(cased("A", Operator.REGEX_MATCH, "B+C"), "{\"A\": \"abbcd\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(cased("A", Operator.REGEX_MATCH, "(?i)B+C"), "{\"A\": \"abbcd\"}")).isEqualTo(Verdict.MATCH);
    }

    @Test
    void catastrophicRegexIsUnknown() throws Exception {
        Predicate evil = cased("A", Operator.REGEX_MATCH, "(.*a){20}$");
        String event = "{\"A\": \"" + "a".repeat(30) + "!\"}";

        Evaluation evaluation = evaluator.evaluate(evil, EventReader.read(event).get(0));

        assertThat(evaluation.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(evaluation.matches()).isFalse();
        assertThat(evaluation.decidedBy()).containsExactly(new Decision(evil, Verdict.UNKNOWN,
                "regular expression search stopped after 5000000 character reads"));
    }

    @Test
    void invalidRegexIsUnknown() throws Exception {
        Predicate broken = cased("A", Operator.REGEX_MATCH, "(a");

        Evaluation evaluation = evaluator.evaluate(broken, EventReader.read("{\"A\": \"a\"}").get(0));

        assertThat(evaluation.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(evaluation.decidedBy().get(0).reason()).startsWith("invalid regular expression: Unclosed group");
    }

    @Test
    void cidrMatchesIpv4AndIpv6() throws Exception {
        assertThat(verdict(test("Ip", Operator.CIDR, "10.0.0.0/8"), "{\"Ip\": \"10.2.3.4\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("Ip", Operator.CIDR, "10.0.0.0/8"), "{\"Ip\": \"11.2.3.4\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("Ip", Operator.CIDR, "fe80::/10"), "{\"Ip\": \"fe80::1\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("Ip", Operator.CIDR, "fe80::/10"), "{\"Ip\": \"2001:db8::1\"}"))
                .isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("Ip", Operator.CIDR, "10.0.0.0/8"), "{\"Ip\": \"fe80::1\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("Ip", Operator.CIDR, "10.0.0.0/8"), "{\"Ip\": \"host.example\"}"))
                .isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("Ip", Operator.CIDR, "10.0.0.0/33"), "{\"Ip\": \"10.0.0.1\"}"))
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void comparisonsAreNumeric() throws Exception {
        assertThat(verdict(test("N", Operator.GT, "9"), "{\"N\": 10}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("N", Operator.GT, "9"), "{\"N\": \"10\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("N", Operator.GTE, "10"), "{\"N\": 10}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("N", Operator.LT, "10"), "{\"N\": 10}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("N", Operator.LTE, "10"), "{\"N\": 10}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("N", Operator.LT, "10"), "{\"N\": \"abc\"}")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void existsAndNull() throws Exception {
        Predicate exists = test("A", Operator.EXISTS, "true");
        Predicate absent = test("A", Operator.EXISTS, "false");
        assertThat(verdict(exists, "{\"A\": \"\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(exists, "{\"A\": null}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(exists, "{}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(absent, "{\"A\": null}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(absent, "{}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(absent, "{\"A\": 0}")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void listValueMatchesAnyElement() throws Exception {
        assertThat(verdict(test("Tags", Operator.EQ, "b"), "{\"Tags\": [\"a\", \"B\"]}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test("Tags", Operator.EQ, "c"), "{\"Tags\": [\"a\", \"B\"]}")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void nestedAndDottedKeysBothResolve() throws Exception {
        Predicate name = test("process.name", Operator.EQ, "cmd.exe");
        assertThat(verdict(name, "{\"process\": {\"name\": \"cmd.exe\"}}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(name, "{\"process.name\": \"cmd.exe\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(name, "{\"process\": {\"parent\": {\"name\": \"cmd.exe\"}}}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test("a.b.c", Operator.EQ, "x"), "{\"a\": {\"b.c\": \"x\"}}")).isEqualTo(Verdict.MATCH);
    }

    @Test
    void keywordSearchesEveryValue() throws Exception {
        Predicate keyword = test(null, Operator.MATCH, "mimikatz");
        assertThat(verdict(keyword, "{\"A\": 1, \"B\": {\"C\": [\"run MIMIKATZ.exe\"]}}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(keyword, "{\"A\": \"mimi katz\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(test(null, Operator.MATCH, "a\\*b"), "{\"A\": \"xa*by\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(test(null, Operator.MATCH, "a\\*b"), "{\"A\": \"xaZby\"}")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void opaqueIsUnknownUnlessOutweighed() throws Exception {
        Node.Opaque opaque = new Node.Opaque("count() > 5", "aggregation", Span.UNKNOWN);
        Predicate a = test("A", Operator.EQ, "1");
        String event = "{\"A\": 1}";

        assertThat(verdict(new Node.And(List.of(a, opaque)), event)).isEqualTo(Verdict.UNKNOWN);
        assertThat(verdict(new Node.Or(List.of(a, opaque)), event)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(new Node.And(List.of(test("A", Operator.EQ, "2"), opaque)), event))
                .isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(new Node.Not(opaque), event)).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void decisionsNameDecidingBranch() throws Exception {
        Predicate image = test("Image", Operator.WILDCARD, "*\\\\cmd.exe");
        Predicate user = test("User", Operator.EQ, "SYSTEM");
        Predicate filter = test("Parent", Operator.EQ, "explorer.exe");
        Node tree = new Node.And(List.of(image, new Node.Or(List.of(user, test("User", Operator.EQ, "root"))),
                new Node.Not(filter)));

        Evaluation matched = evaluator.evaluate(tree, EventReader.read(
                "{\"Image\": \"C:\\\\cmd.exe\", \"User\": \"system\", \"Parent\": \"x\"}").get(0));
        Evaluation filtered = evaluator.evaluate(tree, EventReader.read(
                "{\"Image\": \"C:\\\\cmd.exe\", \"User\": \"system\", \"Parent\": \"Explorer.exe\"}").get(0));

        assertThat(matched.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(matched.decidedBy()).containsExactly(new Decision(image, Verdict.MATCH, null),
                new Decision(user, Verdict.MATCH, null), new Decision(filter, Verdict.NO_MATCH, null));
        assertThat(filtered.verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(filtered.decidedBy()).containsExactly(new Decision(filter, Verdict.MATCH, null));
    }

    @Test
    void fieldrefComparesTwoFields() throws Exception {
        Node.Opaque reference = new Node.Opaque("User|fieldref: ParentUser",
                "fieldref: User compared with field ParentUser", Span.UNKNOWN);
        assertThat(verdict(reference, "{\"User\": \"A\\\\bob\", \"ParentUser\": \"a\\\\BOB\"}")).isEqualTo(Verdict.MATCH);
        assertThat(verdict(reference, "{\"User\": \"bob\", \"ParentUser\": \"alice\"}")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(reference, "{\"User\": \"bob\"}")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void simpleSequenceMatchesInOrder() throws Exception {
        Predicate first = test("A", Operator.EQ, "1");
        Predicate second = test("A", Operator.EQ, "2");
        Node.Sequence sequence = new Node.Sequence(List.of(), "", List.of(first, second), Span.UNKNOWN);
        List<Event> inOrder = EventReader.read("{\"A\": 1}\n{\"A\": 3}\n{\"A\": 2}\n");
        List<Event> reversed = EventReader.read("{\"A\": 2}\n{\"A\": 1}\n");

        assertThat(evaluator.evaluate(sequence, inOrder).verdict()).isEqualTo(Verdict.MATCH);
        assertThat(evaluator.evaluate(sequence, reversed).verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(evaluator.evaluate(new Node.Sequence(List.of("host"), "", List.of(first, second), Span.UNKNOWN),
                inOrder).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(evaluator.evaluate(sequence, inOrder.get(0)).verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
