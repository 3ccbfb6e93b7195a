package org.detectionatlas.normalize;

import java.util.List;
import java.util.Map;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;

/** Builds rules and predicates the way the readers do, for normalizer tests. */
final class Rules {

    static final String SYSMON = "Microsoft-Windows-Sysmon";
    static final String SECURITY = "Microsoft-Windows-Security-Auditing";
    static final String POWERSHELL = "Microsoft-Windows-PowerShell";

    private Rules() {}

    static Rule rule(Vendor vendor, Map<String, List<String>> logsource, Node tree) {
        return rule(vendor, logsource, tree, Map.of(), List.of());
    }

    static Rule rule(Vendor vendor, Map<String, List<String>> logsource, Node tree, Map<String, String> properties,
            List<EventKey> events) {
        return new Rule(vendor, "rule-1", "Test rule", "", vendor.id() + "/rules/test.yml", "rules", true, "test",
                "high", "", "", List.of(), List.of(), List.of(), logsource, "", tree, events, properties, List.of());
    }

    static Map<String, List<String>> sigmaLogsource(String product, String key, String value) {
        return Map.of("product", List.of(product), key, List.of(value));
    }

    static Predicate eq(String field, String value) {
        return Predicate.of(field, Operator.EQ, value, false, field + "=" + value, Span.UNKNOWN);
    }

    static Predicate wildcard(String field, String value) {
        return Predicate.of(field, Operator.WILDCARD, value, false, field + "=" + value, Span.UNKNOWN);
    }

    static EventKey sysmon(String id) {
        return new EventKey(SYSMON, id);
    }

    static EventKey security(String id) {
        return new EventKey(SECURITY, id);
    }
}
