package org.detectionatlas.model;

import java.util.List;

/**
 * The result of reading one rule corpus.
 *
 * @param vendor the corpus
 * @param files the number of rule files found, each accounted for by at least one rule
 * @param rules every rule read, including those whose query failed
 * @param diagnostics problems that concern the corpus rather than one rule, such as a macro
 *     that many searches use but the corpus does not define (reported once)
 */
public record RuleReadResult(Vendor vendor, int files, List<Rule> rules, List<Diagnostic> diagnostics) {
    public RuleReadResult {
        rules = List.copyOf(rules);
        diagnostics = List.copyOf(diagnostics);
    }
}
