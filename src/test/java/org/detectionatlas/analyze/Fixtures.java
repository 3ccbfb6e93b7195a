package org.detectionatlas.analyze;

import java.util.List;
import java.util.Map;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;

/** Small hand-made catalogs for analysis and view tests. */
public final class Fixtures {
    public static final EventKey SYSMON_1 = new EventKey("Microsoft-Windows-Sysmon", "1");
    public static final EventKey SECURITY_4688 = new EventKey("Microsoft-Windows-Security-Auditing", "4688");

    private Fixtures() {}

    public static Predicate eq(String field, String value) {
        return Predicate.of(field, Operator.EQ, value, false, field + ": " + value, null);
    }

    public static Predicate wildcard(String field, String value) {
        return Predicate.of(field, Operator.WILDCARD, value, false, field + ": " + value, null);
    }

    public static Rule rule(Vendor vendor, String id, String title, boolean active, List<String> techniques, Node tree,
            List<EventKey> events) {
        return new Rule(vendor, id, title, "", vendor.id() + "/rules/" + id + ".yml", active ? "rules" : "deprecated",
                active, "test", "high", "detection", "sigma", techniques, List.of("execution"), List.of(),
                Map.of(), "query of " + id, tree, events, Map.of(), List.of());
    }

    /**
     * Three active rules: two for T1106 (both test rundll32, one excludes a Windows path) and one
     * for T1059 that also tests rundll32; plus one deprecated T1106 rule.
     */
    public static Catalog catalog() {
        Node first = new Node.And(List.of(eq("process.name", "rundll32.exe"), wildcard("process.command_line", "*,#1*"),
                new Node.Not(wildcard("process.parent.executable", "C:\\Windows\\*"))));
        Node second = new Node.And(List.of(eq("process.name", "RUNDLL32.EXE"), eq("GrantedAccess", "0x1fffff")));
        Node third = new Node.And(List.of(eq("process.name", "rundll32.exe"), eq("process.args", "-enc")));
        Node deprecated = eq("process.name", "mshta.exe");
        List<Rule> rules = List.of(
                rule(Vendor.SIGMA, "s1", "Rundll32 Ordinal Call", true, List.of("T1106"), first, List.of(SYSMON_1, SECURITY_4688)),
                rule(Vendor.ELASTIC, "e1", "Rundll32 Full Access <script>", true, List.of("T1106", "T1685"), second,
                        List.of(SYSMON_1)),
                rule(Vendor.SPLUNK, "k1", "Encoded Rundll32", true, List.of("T1059"), third, List.of()),
                rule(Vendor.SIGMA, "old", "Old Mshta", false, List.of("T1106"), deprecated, List.of()),
                rule(Vendor.SIGMA, "broken", "Broken Rule", true, List.of("T1059"), null, List.of()));
        Technique nativeApi = new Technique("T1106", "Native API", "Adversaries may use the native API.",
                List.of("execution"), null, List.of("Windows"), "https://attack.mitre.org/techniques/T1106/", false, false,
                true);
        Technique interpreter = new Technique("T1059", "Command and Scripting Interpreter", "", List.of("execution"),
                null, List.of("Windows"), "https://attack.mitre.org/techniques/T1059/", false, false, true);
        Map<String, Technique> techniques = new java.util.TreeMap<>(Map.of("T1106", nativeApi, "T1059", interpreter,
                "T1685", Technique.unknown("T1685")));
        CatalogEvent processCreation = new CatalogEvent(SYSMON_1, "Sysmon", "windows", "5", "Process creation", "",
                List.of(), "events/ossem-dd/windows/sysmon/events/event-1.yml");
        return new Catalog("/corpus", "18.1", List.of(new Tactic("TA0002", "execution", "Execution", 0)), techniques,
                Map.of(SYSMON_1, processCreation), rules, Map.of(), List.of(), Map.of());
    }
}
