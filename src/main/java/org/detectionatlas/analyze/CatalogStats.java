package org.detectionatlas.analyze;

import java.util.Map;

/**
 * Corpus health: what was read from each vendor and how much of it became predicates.
 *
 * @param techniques techniques and sub-techniques ATT&amp;CK defines and has neither revoked nor
 *     deprecated
 * @param techniquesWithRules those of {@code techniques} that active rules name
 * @param unknownTechniques ids that rules name but ATT&amp;CK does not define
 * @param vendors per vendor id (sigma, elastic, splunk)
 * @param canonicalFieldShare share of the field tests of active rules whose field the dictionary
 *     maps onto a canonical field, over rules reading Windows events and over all rules
 * @param buildMillis wall-clock milliseconds of each build stage
 */
public record CatalogStats(
        String corpus,
        String attackVersion,
        int techniques,
        int techniquesWithRules,
        int unknownTechniques,
        int events,
        Map<String, VendorStats> vendors,
        Map<String, Integer> catalogDiagnostics,
        FieldCoverage.Share canonicalFieldShare,
        Map<String, Long> buildMillis) {

    /**
     * Counts for one vendor. {@code rules}, {@code parsed}, {@code partial} and {@code failed} cover
     * every rule read; {@code active} repeats them for the rules statistics count.
     *
     * @param parsed rules whose whole query is a predicate tree with no Opaque part
     * @param partial rules whose tree contains Opaque parts
     * @param failed rules with no tree
     * @param diagnostics diagnostics by code, over all rules and the corpus
     * @param diagnosticKinds diagnostics by kind: invalid, unsupported, warning
     * @param languages rules by query language
     */
    public record VendorStats(int files, int rules, int parsed, int partial, int failed, Counts active,
            Map<String, Integer> diagnostics, Map<String, Integer> diagnosticKinds, Map<String, Integer> languages) {}

    /** Rule counts by parse status. */
    public record Counts(int rules, int parsed, int partial, int failed) {}
}
