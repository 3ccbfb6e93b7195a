package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detectionatlas.normalize.Rules.eq;
import static org.detectionatlas.normalize.Rules.rule;
import static org.detectionatlas.normalize.Rules.security;
import static org.detectionatlas.normalize.Rules.sigmaLogsource;
import static org.detectionatlas.normalize.Rules.sysmon;
import static org.detectionatlas.normalize.Rules.wildcard;

import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final Normalizer NORMALIZER = Normalizer.loadDefault();

    /** The field, operator and value of a predicate, without where the rule wrote it. */
    private record Test3(String field, Operator operator, String value) {
        static Test3 of(Node node) {
            Predicate predicate = (Predicate) node;
            return new Test3(predicate.field(), predicate.operator(), predicate.value());
        }
    }

    @Test
    void normalizeMakesThreeRundll32SpellingsEqual() {
        Rule sigma = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                Predicate.of("Image", Operator.WILDCARD, "*\\\\rundll32.exe", false, "Image|endswith: '\\rundll32.exe'",
                        Span.atLine(12)));
        Rule elastic = rule(Vendor.ELASTIC, Map.of(), Predicate.of("process.name", Operator.EQ, "rundll32.exe", false,
                "process.name : \"rundll32.exe\"", Span.ofQuery(0, 29)));
        Rule splunk = rule(Vendor.SPLUNK, Map.of(), Predicate.of("Processes.process_name", Operator.EQ, "rundll32.exe",
                false, "Processes.process_name=rundll32.exe", Span.ofQuery(40, 75)));

        Test3 expected = new Test3("process.name", Operator.EQ, "rundll32.exe");
        assertThat(Test3.of(NORMALIZER.normalize(sigma).tree())).isEqualTo(expected);
        assertThat(Test3.of(NORMALIZER.normalize(elastic).tree())).isEqualTo(expected);
        assertThat(Test3.of(NORMALIZER.normalize(splunk).tree())).isEqualTo(expected);
    }

    @Test
    void normalizeRewritesSequenceUntilStep() {
        Predicate step = Predicate.of("CommandLine", Operator.WILDCARD, "*-enc*", false, "", Span.UNKNOWN);
        Predicate until = Predicate.of("CommandLine", Operator.EQ, "exit", false, "", Span.UNKNOWN);
        Rule sigma = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                new Node.Sequence(List.of("host.id"), "", List.of(step), Span.UNKNOWN, List.of(List.of("p")),
                        List.of(2), until, true));

        Node.Sequence normalized = (Node.Sequence) NORMALIZER.normalize(sigma).tree();
        assertThat(((Predicate) normalized.steps().get(0)).field()).isEqualTo("process.command_line");
        assertThat(((Predicate) normalized.until()).field()).isEqualTo("process.command_line");
        assertThat(normalized.stepBy()).containsExactly(List.of("p"));
        assertThat(normalized.runs()).containsExactly(2);
    }

    @Test
    void normalizeTurnsSplunkImageSuffixIntoName() {
        Rule splunk = rule(Vendor.SPLUNK, Map.of(), Predicate.of("Image", Operator.WILDCARD, "*\\\\rundll32.exe", false,
                "Image=\"*\\\\rundll32.exe\"", Span.ofQuery(0, 26)));

        Predicate result = (Predicate) NORMALIZER.normalize(splunk).tree();

        assertThat(Test3.of(result)).isEqualTo(new Test3("process.name", Operator.EQ, "rundll32.exe"));
        assertThat(result.vendorOperator()).isEqualTo(Operator.WILDCARD);
        assertThat(result.vendorValue()).isEqualTo("*\\\\rundll32.exe");
    }

    @Test
    void normalizeUnifiesLoneBackslashBeforeBasename() {
        Rule sigma = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                Predicate.of("Image", Operator.WILDCARD, "*\\cmd.exe", false, "Image|endswith: x", Span.atLine(3)));

        assertThat(Test3.of(NORMALIZER.normalize(sigma).tree()))
                .isEqualTo(new Test3("process.name", Operator.EQ, "cmd.exe"));
    }

    @Test
    void normalizeKeepsVendorFieldOriginalAndSpan() {
        Rule sigma = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                Predicate.of("CommandLine", Operator.WILDCARD, "*-enc*", false, "CommandLine|contains: '-enc'",
                        Span.atLine(9)));

        assertThat(NORMALIZER.normalize(sigma).tree()).isEqualTo(new Predicate("process.command_line", Operator.WILDCARD,
                "*-enc*", false, "CommandLine", "CommandLine|contains: '-enc'", Span.atLine(9)));
    }

    @Test
    void normalizeLeavesUnknownFieldAsSpelled() {
        Rule sigma = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                eq("SomeVendorField", "x"));

        assertThat(NORMALIZER.normalize(sigma).tree()).isEqualTo(eq("SomeVendorField", "x"));
    }

    @Test
    void normalizeDoesNotChangeInput() {
        Node tree = new Node.And(List.of(wildcard("Image", "*\\\\cmd.exe"), new Node.Not(eq("User", "SYSTEM"))));
        Rule input = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"), tree);
        Rule copy = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"), tree);

        Rule output = NORMALIZER.normalize(input);

        assertThat(input).isEqualTo(copy);
        assertThat(output.tree()).isEqualTo(new Node.And(List.of(
                new Predicate("process.name", Operator.EQ, "cmd.exe", false, "Image", "Image=*\\\\cmd.exe", Span.UNKNOWN,
                        Operator.WILDCARD, "*\\\\cmd.exe"),
                new Node.Not(eq("User", "SYSTEM").withField("user.name")))));
    }

    @Test
    void normalizeTwiceGivesSameRule() {
        Rule input = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                wildcard("Image", "*\\\\cmd.exe"));
        Rule once = NORMALIZER.normalize(input);

        assertThat(NORMALIZER.normalize(once)).isEqualTo(once);
    }

    @Test
    void normalizeUsesSigmaCategoryScope() {
        Node tree = new Node.And(List.of(wildcard("TargetImage", "*\\\\lsass.exe"), eq("GrantedAccess", "0x1010"),
                wildcard("SourceImage", "*\\\\Temp\\\\*")));
        Rule access = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_access"), tree);

        Node normalized = NORMALIZER.normalize(access).tree();

        assertThat(normalized).isEqualTo(new Node.And(List.of(
                wildcard("TargetImage", "*\\\\lsass.exe").withTest("process.target.name", Operator.EQ, "lsass.exe"),
                eq("GrantedAccess", "0x1010").withField("winlog.event_data.GrantedAccess"),
                wildcard("SourceImage", "*\\\\Temp\\\\*").withField("process.executable"))));
    }

    @Test
    void normalizeMapsImageLoadedByCategory() {
        Rule imageLoad = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "image_load"),
                eq("ImageLoaded", "C:\\x.dll"));
        Rule driverLoad = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "driver_load"),
                eq("ImageLoaded", "C:\\x.sys"));

        assertThat(((Predicate) NORMALIZER.normalize(imageLoad).tree()).field()).isEqualTo("dll.path");
        assertThat(((Predicate) NORMALIZER.normalize(driverLoad).tree()).field()).isEqualTo("file.path");
    }

    @Test
    void normalizeStripsSplunkDatasetPrefix() {
        Node tree = new Node.And(List.of(eq("Registry.registry_path", "*\\\\Run\\\\*"), eq("Registry.action", "modified"),
                eq("Registry.user", "bob")));
        Rule splunk = rule(Vendor.SPLUNK, Map.of(), tree, Map.of("datamodel", "Endpoint.Registry"), List.of());

        Rule normalized = NORMALIZER.normalize(splunk);

        assertThat(normalized.tree()).isEqualTo(new Node.And(List.of(
                eq("Registry.registry_path", "*\\\\Run\\\\*").withField("registry.path"),
                eq("Registry.action", "modified").withField("event.action"),
                eq("Registry.user", "bob").withField("user.name"))));
        assertThat(normalized.events()).containsExactly(sysmon("12"), sysmon("13"), sysmon("14"));
    }

    @Test
    void normalizeScopesBareSplunkFields() {
        Rule splunk = rule(Vendor.SPLUNK, Map.of(), eq("user", "alice"), Map.of("datamodel", "Authentication"),
                List.of());

        assertThat(((Predicate) NORMALIZER.normalize(splunk).tree()).field()).isEqualTo("user.target.name");
    }

    @Test
    void normalizeRewritesRegistryDword() {
        Rule sigma = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "registry_set"),
                eq("Details", "DWORD (0x00000000)"));

        Rule normalized = NORMALIZER.normalize(sigma);

        assertThat(normalized.tree()).isEqualTo(
                eq("Details", "DWORD (0x00000000)").withTest("registry.data.strings", Operator.EQ, "0"));
        assertThat(normalized.events()).containsExactly(sysmon("13"));
    }

    @Test
    void normalizeKeepsTooDeepTreeWithDiagnostic() {
        Node tree = eq("Image", "x");
        for (int i = 0; i < TreeWalk.MAX_DEPTH + 5; i++) {
            tree = new Node.Not(tree);
        }
        Rule deep = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"), tree);

        Rule normalized = NORMALIZER.normalize(deep);

        assertThat(normalized.tree()).isSameAs(tree);
        assertThat(normalized.diagnostics()).containsExactly(new Diagnostic("sigma/rules/test.yml", -1, -1,
                Diagnostic.Kind.UNSUPPORTED, "tree-too-deep", "The predicate tree was kept unnormalized because it"
                        + " nests deeper than 1000 levels; expected a shallower query."));
        assertThat(normalized.events()).containsExactly(security("4688"), sysmon("1"));
    }

    @Test
    void normalizeMapsRuleWithoutTree() {
        Rule failed = rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "ps_script"), null);

        Rule normalized = NORMALIZER.normalize(failed);

        assertThat(normalized.tree()).isNull();
        assertThat(normalized.events()).containsExactly(new org.detectionatlas.model.EventKey(Rules.POWERSHELL, "4104"));
    }

    @Test
    void spellingsListEveryVendor() {
        assertThat(NORMALIZER.spellings("process.name")).isEqualTo(Map.of(
                Vendor.SIGMA, List.of("comm"),
                Vendor.ELASTIC, List.of("process.name", "process.name.caseless"),
                Vendor.SPLUNK, List.of("process_name", "comm")));
        assertThat(NORMALIZER.spellings("process.target.executable")).isEqualTo(Map.of(
                Vendor.SIGMA, List.of("TargetImage"),
                Vendor.ELASTIC, List.of("winlog.event_data.TargetImage", "Target.process.executable"),
                Vendor.SPLUNK, List.of("TargetImage")));
        assertThat(NORMALIZER.spellings("no.such.field")).isEmpty();
    }
}
