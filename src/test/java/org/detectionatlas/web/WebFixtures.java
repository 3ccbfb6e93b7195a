package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.detectionatlas.analyze.Fixtures;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;

/**
 * The analysis fixture catalog plus rules whose text is hostile to a page (markup, quotes and
 * backslashes) and whose predicates carry spans, and a PowerShell sub-technique of T1059.
 */
final class WebFixtures {
    static final String HOSTILE_TITLE = "<script>alert(\"x\")</script> C:\\Temp 'quoted'";
    /** A KQL query; the two tests sit at [0, 24) and [29, 57). */
    static final String KQL = "process.name : \"cmd.exe\" and process.args : \"<b>\\\\x\\\"\"";
    /** A Sigma detection section whose selection sits on file lines 11 and 12. */
    static final String SIGMA = "detection:\n  selection:\n    Image|endswith: '\\cmd.exe'\n"
            + "    CommandLine|contains: '<script>'\n  condition: selection";
    static final String SPL = "`sysmon` EventCode=1 process_name=\"cmd.exe\"";
    static final String EXPANDED = "search index=main EventCode=1 process_name=\"cmd.exe\"";

    private WebFixtures() {}

    static Catalog catalog() {
        Catalog base = Fixtures.catalog();
        List<Rule> rules = new ArrayList<>(base.rules());
        Node kql = new Node.And(List.of(
                Predicate.of("process.name", Operator.EQ, "cmd.exe", false, "process.name : \"cmd.exe\"",
                        Span.ofQuery(0, 24)),
                Predicate.of("process.args", Operator.EQ, "<b>\\x\"", false, "process.args : \"<b>\\\\x\\\"\"",
                        Span.ofQuery(29, KQL.length()))));
        rules.add(new Rule(Vendor.ELASTIC, "hostile", HOSTILE_TITLE, "Finds \"<img src=x>\" in \\\\share", "elastic/rules/h.toml",
                "rules", true, "production", "high", "query", "kql", List.of("T1059.001"), List.of("execution"),
                List.of(), Map.of(), KQL, kql, List.of(Fixtures.SYSMON_1), Map.of(), List.of()));
        Node sigma = new Node.And(List.of(
                Predicate.of("Image", Operator.WILDCARD, "*\\\\cmd.exe", false, "Image|endswith: '\\cmd.exe'",
                        Span.atLine(11)),
                Predicate.of("CommandLine", Operator.WILDCARD, "*<script>*", false, "CommandLine|contains: '<script>'",
                        Span.atLine(12))));
        rules.add(new Rule(Vendor.SIGMA, "lines", "Cmd With Script Tag", "", "sigma/rules/lines.yml", "rules", true,
                "test", "medium", "detection", "sigma", List.of("T1059.001"), List.of("execution"), List.of(), Map.of(),
                SIGMA, sigma, List.of(), Map.of(), List.of()));
        int start = EXPANDED.indexOf("process_name");
        Node spl = new Node.And(List.of(
                Predicate.of("EventCode", Operator.EQ, "1", false, "EventCode=1",
                        Span.ofQuery(EXPANDED.indexOf("EventCode"), EXPANDED.indexOf("EventCode") + 11)),
                Predicate.of("process_name", Operator.EQ, "cmd.exe", false, "process_name=\"cmd.exe\"",
                        Span.ofQuery(start, EXPANDED.length()))));
        rules.add(new Rule(Vendor.SPLUNK, "spl", "Cmd Launch", "", "splunk/detections/endpoint/spl.yml", "endpoint",
                true, "production", "TTP", "TTP", "spl", List.of("T1059"), List.of("execution"), List.of(), Map.of(),
                SPL, spl, List.of(Fixtures.SYSMON_1), Map.of("expandedSearch", EXPANDED), List.of()));
        Map<String, Technique> techniques = new TreeMap<>(base.techniques());
        techniques.put("T1059.001", new Technique("T1059.001", "PowerShell", "", List.of("execution"), "T1059",
                List.of("Windows", "Linux"), "https://attack.mitre.org/techniques/T1059/001/", false, false, true));
        return new Catalog(base.corpusRoot(), base.attackVersion(), base.tactics(), techniques, base.events(), rules,
                base.sources(), base.catalogDiagnostics(), base.stageMillis());
    }
}
