package org.detectionatlas.sources.splunk;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;

/**
 * Prints what the Splunk reader makes of the real corpus: files, rules, parse status of active
 * rules, diagnostics by code and the read time.
 *
 * <p>Run: {@code mvn -o -q -B test-compile exec:java} is not configured, so run it from the
 * corpus test with {@code -Dsplunk.measure=true}.
 */
final class SplunkCorpusMeasure {
    private SplunkCorpusMeasure() {}

    static String measure() {
        long started = System.nanoTime();
        RuleReadResult result = new SplunkReader().read(TestCorpus.root());
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<ParseStatus, Long> active = result.rules().stream().filter(Rule::active)
                .collect(Collectors.groupingBy(Rule::parseStatus, TreeMap::new, Collectors.counting()));
        Map<String, Long> codes = result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                .collect(Collectors.groupingBy(Diagnostic::code, TreeMap::new, Collectors.counting()));
        long activeCount = result.rules().stream().filter(Rule::active).count();
        return "files=" + result.files() + " rules=" + result.rules().size() + " active=" + activeCount
                + " activeByStatus=" + active + " ruleDiagnostics=" + codes + " corpusDiagnostics="
                + result.diagnostics().size() + " readMillis=" + millis;
    }
}
