package org.detectionatlas.sources.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class SigmaFileReaderTest {

    private static final String FILE = "sigma/rules/windows/test_rule.yml";

    private static List<Rule> readAll(String yaml) {
        return new SigmaFileReader(FILE).read(yaml);
    }

    private static Rule read(String yaml) {
        List<Rule> rules = readAll(yaml);
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    /** Reads a rule whose detection section is {@code detection} indented under line 2. */
    private static Rule detection(String detection) {
        return read("title: T\ndetection:\n" + detection.stripTrailing().indent(4));
    }

    private static Predicate p(String field, Operator operator, String value, String original, int line,
            int column) {
        return Predicate.of(field, operator, value, false, original, new Span(line, column, -1, -1));
    }

    private static Node and(Node... children) {
        return new Node.And(List.of(children));
    }

    private static Node or(Node... children) {
        return new Node.Or(List.of(children));
    }

    @Test
    void metadataFromHeader() {
        Rule rule = read("""
                title: Suspicious Thing
                id: 0b3d1d0a-1111-2222-3333-444455556666
                related:
                    - id: 11111111-2222-3333-4444-555555555555
                      type: derived
                status: test
                description: Detects a thing
                references:
                    - https://example.com/a
                    - https://example.com/b
                author: Jane Doe
                date: 2024-01-02
                modified: 2024-03-04
                tags:
                    - attack.execution
                    - attack.t1106
                    - attack.defense_evasion
                    - attack.T1055.001
                    - attack.t1106
                    - attack.g0001
                    - attack.s0002
                    - car.2016-04-005
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        Image|endswith: '\\cmd.exe'
                    condition: selection
                falsepositives:
                    - Admins
                    - Scripts
                level: high
                """);

        assertThat(rule.vendor()).isEqualTo(Vendor.SIGMA);
        assertThat(rule.id()).isEqualTo("0b3d1d0a-1111-2222-3333-444455556666");
        assertThat(rule.title()).isEqualTo("Suspicious Thing");
        assertThat(rule.description()).isEqualTo("Detects a thing");
        assertThat(rule.file()).isEqualTo(FILE);
        assertThat(rule.collection()).isEqualTo("rules");
        assertThat(rule.active()).isTrue();
        assertThat(rule.status()).isEqualTo("test");
        assertThat(rule.level()).isEqualTo("high");
        assertThat(rule.ruleType()).isEqualTo("detection");
        assertThat(rule.language()).isEqualTo("sigma");
        assertThat(rule.tags()).containsExactly("attack.execution", "attack.t1106", "attack.defense_evasion",
                "attack.T1055.001", "attack.t1106", "attack.g0001", "attack.s0002", "car.2016-04-005");
        assertThat(rule.techniques()).containsExactly("T1106", "T1055.001");
        assertThat(rule.tactics()).containsExactly("execution", "defense-evasion");
        assertThat(rule.logsource()).isEqualTo(Map.of("category", List.of("process_creation"),
                "product", List.of("windows")));
        assertThat(rule.query()).isEqualTo("""
                detection:
                    selection:
                        Image|endswith: '\\cmd.exe'
                    condition: selection""");
        assertThat(rule.properties()).isEqualTo(Map.of(
                "author", "Jane Doe",
                "date", "2024-01-02",
                "modified", "2024-03-04",
                "references", "https://example.com/a\nhttps://example.com/b",
                "falsepositives", "Admins\nScripts",
                "related", "derived 11111111-2222-3333-4444-555555555555",
                "otherTags", "attack.g0001\nattack.s0002\ncar.2016-04-005",
                "url", "https://github.com/SigmaHQ/sigma/blob/master/rules/windows/test_rule.yml"));
        assertThat(rule.tree()).isEqualTo(p("Image", Operator.WILDCARD, "*\\\\cmd.exe",
                "Image|endswith: '\\cmd.exe'", 28, 25));
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void queryStopsBeforeTrailingComments() {
        Rule rule = read("""
                title: T
                detection:
                    sel:
                        A: 1
                    # the filter below is optional
                    condition: sel

                # notes on the next section
                level: low
                """);

        assertThat(rule.query()).isEqualTo("""
                detection:
                    sel:
                        A: 1
                    # the filter below is optional
                    condition: sel""");
    }

    @Test
    void idFallsBackToFilePath() {
        Rule rule = read("title: T\ndetection:\n    sel:\n        A: 1\n    condition: sel\n");

        assertThat(rule.id()).isEqualTo(FILE);
    }

    @Test
    void collectionDecidesActive() {
        String yaml = "title: T\ndetection:\n    sel:\n        A: 1\n    condition: sel\n";
        Rule hunting = new SigmaFileReader("sigma/rules-threat-hunting/x.yml").read(yaml).get(0);
        Rule deprecated = new SigmaFileReader("sigma/deprecated/windows/x.yml").read(yaml).get(0);

        assertThat(hunting.collection()).isEqualTo("rules-threat-hunting");
        assertThat(hunting.active()).isTrue();
        assertThat(deprecated.collection()).isEqualTo("deprecated");
        assertThat(deprecated.active()).isFalse();
    }

    @Test
    void mapSelectionIsAnd() {
        Rule rule = detection("""
                sel:
                    EventID: 4688
                    Image: C:\\Windows\\cmd.exe
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(and(
                p("EventID", Operator.EQ, "4688", "EventID: 4688", 4, 18),
                p("Image", Operator.EQ, "C:\\Windows\\cmd.exe", "Image: C:\\Windows\\cmd.exe", 5, 16)));
    }

    @Test
    void listOfMapsIsOr() {
        Rule rule = detection("""
                sel:
                    - A: x
                      B: y
                    - C: z
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(or(
                and(p("A", Operator.EQ, "x", "A: x", 4, 14), p("B", Operator.EQ, "y", "B: y", 5, 14)),
                p("C", Operator.EQ, "z", "C: z", 6, 14)));
    }

    @Test
    void keywordsAreFreeTextOr() {
        Rule rule = detection("""
                keywords:
                    - 'mimikatz'
                    - sekurlsa
                condition: keywords
                """);

        assertThat(rule.tree()).isEqualTo(or(
                p(null, Operator.MATCH, "mimikatz", "'mimikatz'", 4, 11),
                p(null, Operator.MATCH, "sekurlsa", "sekurlsa", 5, 11)));
    }

    @Test
    void valueListIsOrAndAllIsAnd() {
        Rule rule = detection("""
                sel:
                    A:
                        - x
                        - y
                    B|contains|all:
                        - u
                        - v
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(and(
                or(p("A", Operator.EQ, "x", "A: x", 5, 15), p("A", Operator.EQ, "y", "A: y", 6, 15)),
                p("B", Operator.WILDCARD, "*u*", "B|contains|all: u", 8, 15),
                p("B", Operator.WILDCARD, "*v*", "B|contains|all: v", 9, 15)));
    }

    @Test
    void scalarKindsBecomeTests() {
        Rule rule = detection("""
                sel:
                    Number: 10
                    Flag: true
                    Missing: null
                    Empty: ''
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(and(
                p("Number", Operator.EQ, "10", "Number: 10", 4, 17),
                p("Flag", Operator.EQ, "true", "Flag: true", 5, 15),
                p("Missing", Operator.EXISTS, "false", "Missing: null", 6, 18),
                p("Empty", Operator.EQ, "", "Empty: ''", 7, 16)));
    }

    @Test
    void nullSpellingsRequireAbsentField() {
        Rule rule = detection("""
                sel:
                    A:
                    B: ~
                    C: Null
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(and(
                p("A", Operator.EXISTS, "false", "A:", 4, 11),
                p("B", Operator.EXISTS, "false", "B: ~", 5, 12),
                p("C", Operator.EXISTS, "false", "C: Null", 6, 12)));
    }

    @Test
    void wildcardsAndEscapes() {
        Rule rule = detection("""
                sel:
                    - A: 'ab*c?d'
                    - B: 'lit\\*eral\\?'
                    - C: 'x\\\\*'
                    - D: 'C:\\Temp\\*'
                    - E: 'C:\\Temp\\'
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(or(
                p("A", Operator.WILDCARD, "ab*c?d", "A: 'ab*c?d'", 4, 14),
                p("B", Operator.EQ, "lit*eral?", "B: 'lit\\*eral\\?'", 5, 14),
                p("C", Operator.WILDCARD, "x\\\\*", "C: 'x\\\\*'", 6, 14),
                p("D", Operator.EQ, "C:\\Temp*", "D: 'C:\\Temp\\*'", 7, 14),
                p("E", Operator.EQ, "C:\\Temp\\", "E: 'C:\\Temp\\'", 8, 14)));
    }

    @Test
    void stringModifiersAddWildcards() {
        Rule rule = detection("""
                sel:
                    A|contains: 'a*b'
                    B|startswith: b
                    C|endswith: c
                    D|contains|cased: Dd
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(and(
                p("A", Operator.WILDCARD, "*a*b*", "A|contains: 'a*b'", 4, 21),
                p("B", Operator.WILDCARD, "b*", "B|startswith: b", 5, 23),
                p("C", Operator.WILDCARD, "*c", "C|endswith: c", 6, 21),
                Predicate.of("D", Operator.WILDCARD, "*Dd*", true, "D|contains|cased: Dd",
                        new Span(7, 27, -1, -1))));
    }

    @Test
    void regexCidrExistsAndComparisons() {
        Rule rule = detection("""
                sel:
                    A|re: '^a.*b$'
                    B|re|i|s: 'x.y'
                    C|cidr: 10.0.0.0/8
                    D|exists: false
                    E|gte: 5
                    F|lt: 2
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(and(
                Predicate.of("A", Operator.REGEX_MATCH, "^a.*b$", true, "A|re: '^a.*b$'", new Span(4, 15, -1, -1)),
                p("B", Operator.REGEX_MATCH, "(?is)x.y", "B|re|i|s: 'x.y'", 5, 19),
                p("C", Operator.CIDR, "10.0.0.0/8", "C|cidr: 10.0.0.0/8", 6, 17),
                p("D", Operator.EXISTS, "false", "D|exists: false", 7, 19),
                p("E", Operator.GTE, "5", "E|gte: 5", 8, 16),
                p("F", Operator.LT, "2", "F|lt: 2", 9, 15)));
    }

    @Test
    void neqNegatesTheValues() {
        Rule rule = detection("""
                sel:
                    A|neq: x
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Not(p("A", Operator.EQ, "x", "A|neq: x", 4, 16)));
    }

    @Test
    void windashExpandsOptionDashes() {
        Rule rule = detection("""
                sel:
                    CommandLine|contains|windash: ' -enc '
                condition: sel
                """);

        String original = "CommandLine|contains|windash: ' -enc '";
        assertThat(rule.tree()).isEqualTo(or(
                p("CommandLine", Operator.WILDCARD, "* -enc *", original, 4, 39),
                p("CommandLine", Operator.WILDCARD, "* /enc *", original, 4, 39),
                p("CommandLine", Operator.WILDCARD, "* \u2013enc *", original, 4, 39),
                p("CommandLine", Operator.WILDCARD, "* \u2014enc *", original, 4, 39),
                p("CommandLine", Operator.WILDCARD, "* \u2015enc *", original, 4, 39)));
    }

    @Test
    void base64ModifiersEncodeTheValue() {
        Rule rule = detection("""
                sel:
                    - A|base64: 'abc'
                    - B|base64offset|contains: 'spinstall0.aspx'
                    - C|wide|base64offset|contains: 'ab'
                condition: sel
                """);

        String bOriginal = "B|base64offset|contains: 'spinstall0.aspx'";
        String cOriginal = "C|wide|base64offset|contains: 'ab'";
        // The wide forms are the base64 of "a\0b\0" at offsets 0, 1 and 2.
        assertThat(rule.tree()).isEqualTo(or(
                p("A", Operator.EQ, "YWJj", "A|base64: 'abc'", 4, 21),
                p("B", Operator.WILDCARD, "*c3BpbnN0YWxsMC5hc3B4*", bOriginal, 5, 36),
                p("B", Operator.WILDCARD, "*NwaW5zdGFsbDAuYXNwe*", bOriginal, 5, 36),
                p("B", Operator.WILDCARD, "*zcGluc3RhbGwwLmFzcH*", bOriginal, 5, 36),
                p("C", Operator.WILDCARD, "*YQBiA*", cOriginal, 6, 41),
                p("C", Operator.WILDCARD, "*EAYg*", cOriginal, 6, 41),
                p("C", Operator.WILDCARD, "*hAGIA*", cOriginal, 6, 41)));
    }

    @Test
    void windashWithTooManyDashesIsOpaque() {
        Rule rule = detection("""
                sel:
                    A|windash: '-a -b -c -d -e'
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("A|windash: '-a -b -c -d -e'",
                "windash expansion too large", new Span(4, 20, -1, -1)));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported(FILE, 4, "windash-too-many",
                "Modifier 'windash' in 'A|windash' would expand '-a -b -c -d -e' into 3125 values; at most 625"
                        + " are built."));
    }

    @Test
    void fieldrefIsOpaqueAndUnsupported() {
        Rule rule = detection("""
                sel:
                    Image|fieldref: ParentImage
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("Image|fieldref: ParentImage",
                "fieldref: Image compared with field ParentImage", new Span(4, 25, -1, -1)));
        assertThat(rule.parseStatus()).isEqualTo(ParseStatus.PARTIAL);
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported(FILE, 4, "fieldref",
                "Modifier 'fieldref' in 'Image|fieldref' compares two fields of the event; it is kept as an opaque"
                        + " part because predicates compare fields with constants only."));
    }

    @Test
    void undefinedPlaceholderIsReported() {
        Rule rule = detection("""
                sel:
                    IpAddress|expand: '%dc_ips%'
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("IpAddress|expand: '%dc_ips%'",
                "placeholder %dc_ips% has no values", Span.atLine(4)));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported(FILE, 4, "undefined-placeholder",
                "Placeholder '%dc_ips%' in 'IpAddress|expand' is not defined by the corpus; define its values in the"
                        + " placeholder configuration of the backend."));
    }

    @Test
    void invalidRegexIsReportedAndKept() {
        Rule rule = detection("""
                sel:
                    CommandLine|re: '(unclosed'
                condition: sel
                """);

        assertThat(rule.tree()).isInstanceOf(Predicate.class);
        assertThat(((Predicate) rule.tree()).value()).isEqualTo("(unclosed");
        assertThat(rule.diagnostics()).extracting(Diagnostic::code, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("invalid-regex", "The regular expression '(unclosed' is invalid"
                        + " (Unclosed group near index 9); expected a Java-compatible regular expression."));
    }

    @Test
    void unknownModifierSuggestsNearest() {
        Rule rule = detection("""
                sel:
                    Image|endwith: x
                condition: sel
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("Image|endwith", "unknown modifier endwith",
                Span.atLine(4)));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 4, "unknown-modifier",
                "Unknown modifier 'endwith' in 'Image|endwith'; expected a Sigma modifier such as contains,"
                        + " endswith or re (did you mean 'endswith'?)"));
    }

    @Test
    void conditionPrecedenceIsNotAndOr() {
        Rule rule = detection("""
                a:
                    A: 1
                b:
                    B: 2
                c:
                    C: 3
                condition: a or not b and c
                """);

        Node a = p("A", Operator.EQ, "1", "A: 1", 4, 12);
        Node b = p("B", Operator.EQ, "2", "B: 2", 6, 12);
        Node c = p("C", Operator.EQ, "3", "C: 3", 8, 12);
        assertThat(rule.tree()).isEqualTo(or(a, and(new Node.Not(b), c)));
    }

    @Test
    void conditionParenthesesAndFlattening() {
        Rule rule = detection("""
                a:
                    A: 1
                b:
                    B: 2
                c:
                    C: 3
                condition: (a or b) and (c and a)
                """);

        Node a = p("A", Operator.EQ, "1", "A: 1", 4, 12);
        Node b = p("B", Operator.EQ, "2", "B: 2", 6, 12);
        Node c = p("C", Operator.EQ, "3", "C: 3", 8, 12);
        assertThat(rule.tree()).isEqualTo(and(or(a, b), c, a));
    }

    @Test
    void quantifiersOverPatternsAndThem() {
        Rule rule = detection("""
                sel_img.x-1:
                    A: 1
                sel_cli:
                    B: 2
                filter:
                    C: 3
                _hidden:
                    D: 4
                condition:
                    - 1 of sel_* and not 1 of filter*
                    - all of them
                """);

        Node a = p("A", Operator.EQ, "1", "A: 1", 4, 12);
        Node b = p("B", Operator.EQ, "2", "B: 2", 6, 12);
        Node c = p("C", Operator.EQ, "3", "C: 3", 8, 12);
        assertThat(rule.tree()).isEqualTo(or(and(or(a, b), new Node.Not(c)), and(a, b, c)));
    }

    @Test
    void multiLineCondition() {
        Rule rule = detection("""
                a:
                    A: 1
                b:
                    B: 2
                condition:
                    a and
                    (
                        not b
                    )
                """);

        assertThat(rule.tree()).isEqualTo(and(p("A", Operator.EQ, "1", "A: 1", 4, 12),
                new Node.Not(p("B", Operator.EQ, "2", "B: 2", 6, 12))));
    }

    @Test
    void anyOfIsInvalid() {
        Rule rule = detection("""
                sel_a:
                    A: 1
                condition: any of sel_*
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("any of sel_*", "invalid condition: invalid-condition",
                Span.atLine(5)));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 5, "invalid-condition",
                "Condition 'any of sel_*' uses 'any of', which is not Sigma; expected '1 of'."));
    }

    @Test
    void twoOfExpandsToPairs() {
        Rule rule = detection("""
                sel_a:
                    A: 1
                sel_b:
                    B: 2
                sel_c:
                    C: 3
                condition: 2 of sel_*
                """);

        Predicate a = Predicate.of("A", Operator.EQ, "1", false, "A: 1", new Span(4, 12, -1, -1));
        Predicate b = Predicate.of("B", Operator.EQ, "2", false, "B: 2", new Span(6, 12, -1, -1));
        Predicate c = Predicate.of("C", Operator.EQ, "3", false, "C: 3", new Span(8, 12, -1, -1));
        assertThat(rule.tree()).isEqualTo(new Node.Or(List.of(new Node.And(List.of(a, b)),
                new Node.And(List.of(a, c)), new Node.And(List.of(b, c)))));
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void countAboveSelectionsIsInvalid() {
        Rule rule = detection("""
                sel_a:
                    A: 1
                condition: 2 of sel_*
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("2 of sel_*", "invalid condition: invalid-condition",
                Span.atLine(5)));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 5, "invalid-condition",
                "Condition '2 of sel_*' has '2 of sel_*', but only 1 selections match sel_*."));
    }

    @Test
    void unbalancedParenthesisIsInvalid() {
        Rule rule = detection("""
                sel:
                    A: 1
                condition: (sel
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("(sel", "invalid condition: invalid-condition",
                Span.atLine(5)));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 5, "invalid-condition",
                "Condition '(sel' misses a closing ')'."));
    }

    @Test
    void undefinedSelectionSuggestsNearest() {
        Rule rule = detection("""
                selection:
                    A: 1
                condition: selektion
                """);

        assertThat(rule.tree()).isEqualTo(new Node.Opaque("selektion", "invalid condition: undefined-selection",
                Span.atLine(5)));
        assertThat(rule.parseStatus()).isEqualTo(ParseStatus.PARTIAL);
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 5, "undefined-selection",
                "Condition 'selektion' names undefined selection 'selektion' (did you mean 'selection'?)."));
    }

    @Test
    void aggregationBecomesOpaque() {
        Rule rule = detection("""
                sel:
                    A: 1
                condition: sel | count() by host > 5
                """);

        assertThat(rule.tree()).isEqualTo(and(p("A", Operator.EQ, "1", "A: 1", 4, 12),
                new Node.Opaque("count() by host > 5", "aggregation", Span.atLine(5))));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported(FILE, 5, "aggregation",
                "Legacy aggregation 'count() by host > 5' is not modelled; only the search part 'sel' became"
                        + " predicates."));
    }

    @Test
    void nearBecomesOpaque() {
        Rule rule = detection("""
                a:
                    A: 1
                b:
                    B: 2
                condition: a | near b
                """);

        assertThat(rule.tree()).isEqualTo(and(p("A", Operator.EQ, "1", "A: 1", 4, 12),
                new Node.Opaque("near b", "aggregation", Span.atLine(7))));
        assertThat(rule.diagnostics()).extracting(Diagnostic::code).containsExactly("aggregation");
    }

    @Test
    void globalActionMergesDocuments() {
        List<Rule> rules = readAll("""
                action: global
                title: Multi
                id: 11111111-0000-0000-0000-000000000000
                detection:
                    base:
                        A: 1
                    condition: base and extra
                ---
                logsource:
                    service: security
                detection:
                    extra:
                        B: 2
                ---
                logsource:
                    service: system
                detection:
                    extra:
                        C: 3
                """);

        assertThat(rules).hasSize(1);
        Rule rule = rules.get(0);
        Node a = p("A", Operator.EQ, "1", "A: 1", 6, 12);
        assertThat(rule.id()).isEqualTo("11111111-0000-0000-0000-000000000000");
        assertThat(rule.title()).isEqualTo("Multi");
        assertThat(rule.logsource()).isEqualTo(Map.of("service", List.of("security")));
        assertThat(rule.tree()).isEqualTo(or(
                and(a, p("B", Operator.EQ, "2", "B: 2", 13, 12)),
                and(a, p("C", Operator.EQ, "3", "C: 3", 19, 12))));
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.warning(FILE, 1, "multi-document",
                "File holds 2 Sigma documents under one id; the rule matches when any of them matches."));
        assertThat(rule.query()).isEqualTo("""
                detection:
                    base:
                        A: 1
                    condition: base and extra
                ---
                detection:
                    extra:
                        B: 2
                ---
                detection:
                    extra:
                        C: 3""");
    }

    @Test
    void repeatActionStartsFromPreviousDocument() {
        List<Rule> rules = readAll("""
                title: Repeat
                detection:
                    sel:
                        A: 1
                    condition: sel
                ---
                action: repeat
                detection:
                    sel:
                        A: 2
                """);

        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).tree()).isEqualTo(or(p("A", Operator.EQ, "1", "A: 1", 4, 12),
                p("A", Operator.EQ, "2", "A: 2", 10, 12)));
    }

    @Test
    void documentsWithoutActionsAreSeparateRules() {
        List<Rule> rules = readAll("""
                title: First
                id: first
                detection:
                    sel:
                        A: 1
                    condition: sel
                ---
                title: Second
                detection:
                    sel:
                        B: 2
                    condition: sel
                """);

        assertThat(rules).extracting(Rule::id).containsExactly("first", FILE + "#2");
    }

    @Test
    void correlationIsOpaque() {
        Rule rule = read("""
                title: Many failed logons
                id: corr-1
                correlation:
                    type: event_count
                    rules:
                        - failed_logon
                        - other_rule
                    group-by:
                        - User
                    timespan: 5m
                    condition:
                        gte: 10
                """);

        String reason = "correlation event_count of failed_logon, other_rule";
        assertThat(rule.ruleType()).isEqualTo("correlation");
        assertThat(rule.tree()).isEqualTo(new Node.Opaque(reason, reason, new Span(4, 5, -1, -1)));
        assertThat(rule.properties()).containsEntry("correlationRules", "failed_logon\nother_rule");
        assertThat(rule.query()).startsWith("correlation:\n    type: event_count\n");
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.unsupported(FILE, 4, "correlation",
                "Correlation rule (" + reason + ") is kept whole; correlations have no predicate form here."));
    }

    @Test
    void filterRuleBuildsItsSelections() {
        Rule rule = read("""
                title: Filter admins
                logsource:
                    product: windows
                filter:
                    rules:
                        - rule-a
                        - rule-b
                    selection:
                        User: admin
                    condition: not selection
                """);

        assertThat(rule.ruleType()).isEqualTo("filter");
        assertThat(rule.tree()).isEqualTo(new Node.Not(p("User", Operator.EQ, "admin", "User: admin", 9, 15)));
        assertThat(rule.properties()).containsEntry("filterTargets", "rule-a\nrule-b");
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void brokenYamlIsFailedRuleWithLine() {
        Rule rule = read("""
                title: Broken
                detection:
                    sel:
                        A: 'unterminated
                    condition: sel
                """);

        assertThat(rule.id()).isEqualTo(FILE);
        assertThat(rule.tree()).isNull();
        assertThat(rule.diagnostics()).hasSize(1);
        Diagnostic diagnostic = rule.diagnostics().get(0);
        assertThat(diagnostic.kind()).isEqualTo(Diagnostic.Kind.INVALID);
        assertThat(diagnostic.code()).isEqualTo("invalid-yaml");
        assertThat(diagnostic.line()).isEqualTo(6);
        assertThat(diagnostic.message()).isEqualTo(
                "YAML could not be read: found unexpected end of stream; fix the YAML syntax.");
    }

    @Test
    void missingDetectionFails() {
        Rule rule = read("title: Nothing\nlevel: low\n");

        assertThat(rule.tree()).isNull();
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 1, "missing-detection",
                "Rule has no detection map; expected 'detection:' with selections and a condition."));
    }

    @Test
    void deepConditionIsRejected() {
        String condition = "(".repeat(5000) + "sel" + ")".repeat(5000);
        Rule rule = detection("sel:\n    A: 1\ncondition: '" + condition + "'\n");

        assertThat(rule.tree()).isInstanceOf(Node.Opaque.class);
        assertThat(((Node.Opaque) rule.tree()).reason()).isEqualTo("invalid condition: condition-too-deep");
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, 5, "condition-too-deep",
                "Condition nests deeper than 100 levels; simplify it."));
    }

    @Test
    void deepYamlIsRejected() {
        String yaml = "title: T\ndetection: " + "[".repeat(3000) + "]".repeat(3000) + "\n";
        Rule rule = read(yaml);

        assertThat(rule.tree()).isNull();
        assertThat(rule.diagnostics()).extracting(Diagnostic::code).containsExactly("invalid-yaml");
    }

    @Test
    void aliasExpansionIsBounded() {
        StringBuilder yaml = new StringBuilder("title: T\nl0: &l0 [x, x]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("l").append(level).append(": &l").append(level)
                    .append(" [*l").append(level - 1).append(", *l").append(level - 1).append("]\n");
        }
        Rule rule = read(yaml + "detection:\n    sel:\n        A: 1\n    condition: sel\n");

        assertThat(rule.tree()).isNull();
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.invalid(FILE, -1, "invalid-yaml",
                "YAML could not be read: YAML document has more than 200000 nodes once aliases are expanded."));
    }

    @Test
    void emojiOutsideBmpIsRead() {
        String padding = "# " + "x".repeat(1019) + "\n";
        Rule rule = read(padding + "title: Emoji \uD83D\uDE00 rule\ndetection:\n    sel:\n        A: 1\n"
                + "    condition: sel\n");

        assertThat(rule.title()).isEqualTo("Emoji \uD83D\uDE00 rule");
        assertThat(rule.parseStatus()).isEqualTo(ParseStatus.PARSED);
    }

    @Test
    void linesSplitAtLfAndCrlf() {
        assertThat(SigmaFileReader.lines("a\r\nb\n\nc")).containsExactly("a", "b", "", "c");
        assertThat(SigmaFileReader.lines("a\n")).containsExactly("a", "");
        assertThat(SigmaFileReader.lines("")).containsExactly("");
    }
}
