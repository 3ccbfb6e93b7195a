package org.detectionatlas.analyze;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;

/**
 * The rule page's content. {@code tree} is the predicate tree as nested maps (see
 * {@link TreeJson}); {@code notation} and {@code vendorNotation} are the same tree in the text
 * notation of {@link TreeNotation}, with canonical and with vendor field names.
 */
public record RuleReport(
        String vendor,
        String id,
        String title,
        String description,
        String file,
        String url,
        String collection,
        boolean active,
        String status,
        String level,
        String ruleType,
        String language,
        String parseStatus,
        List<TechniqueRef> techniques,
        List<String> tactics,
        List<String> tags,
        Map<String, List<String>> logsource,
        List<TechniqueReport.EventUse> events,
        String query,
        Object tree,
        String notation,
        String vendorNotation,
        List<PredicateView> indicators,
        List<PredicateView> exclusions,
        Map<String, String> properties,
        List<Diagnostic> diagnostics) {

    /** A technique a rule names, with its name when the ATT&amp;CK bundle defines it. */
    public record TechniqueRef(String id, String name, boolean known) {}

    /**
     * One predicate as the rule page lists it.
     *
     * @param operator the canonical operator, after value rewrites
     * @param value the canonical value, after value rewrites
     * @param line the line of the predicate in the rule file, null when unknown
     * @param start the offset where the predicate starts in the query, null when unknown
     * @param end the offset after the predicate's last character, null when unknown
     * @param corpusReach how many active rules of the catalog hold the same indicator
     * @param vendorOperator the operator as the reader built it from the rule, before value
     *     rewrites such as a path suffix becoming a file-name equality
     * @param vendorValue the value as the reader built it, before value rewrites
     */
    public record PredicateView(String field, String vendorField, String operator, String value,
            boolean caseSensitive, String original, @JsonInclude(JsonInclude.Include.NON_NULL) Integer line,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer start,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer end, int corpusReach,
            String vendorOperator, String vendorValue) {

        /** Returns whether a value rewrite changed the operator or value the reader built. */
        public boolean rewritten() {
            return !operator.equals(vendorOperator) || !value.equals(vendorValue);
        }
    }
}
