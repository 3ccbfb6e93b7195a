package org.detectionatlas.analyze;

import java.util.List;
import org.detectionatlas.sources.attack.DetectionStrategy;
import java.util.Map;

/**
 * The technique page's content: the events its rules read, the authoring guide mined from those
 * rules, and the rules themselves. Serialized as the technique JSON of the API.
 *
 * @param known false when rules name the id but the loaded ATT&amp;CK version does not define it
 * @param rulesByVendor number of active rules per vendor whose own tags name exactly this id, or
 *     (with {@code includesSubtechniques}) one of its sub-techniques
 * @param rules the active rules, by vendor then title
 * @param inactiveRules deprecated and unsupported rules naming the id, shown but not counted
 * @param replacedBy for a revoked technique, the technique that replaces it, else null
 * @param replaces revoked technique ids that ATT&amp;CK replaced with this technique
 * @param replacedRules active rules tagged with one of {@code replaces} and not with this id:
 *     listed with the technique, but not counted in {@code rulesByVendor} or analysed
 * @param includesSubtechniques whether the rules of the sub-techniques are included
 * @param detectionStrategies ATT&amp;CK's detection strategies for the technique, with their
 *     analytics and log sources
 * @param analyticEvents the catalog events that those analytics name, each marked with whether
 *     the technique's rules read it
 */
public record TechniqueReport(
        String id,
        String name,
        String description,
        boolean known,
        boolean revoked,
        boolean deprecated,
        String attackVersion,
        List<String> tactics,
        String parent,
        List<String> subtechniques,
        String url,
        Map<String, Integer> rulesByVendor,
        List<EventUse> events,
        List<FieldUse> fields,
        List<IndicatorUse> indicators,
        List<ExclusionUse> exclusions,
        List<RuleRef> rules,
        List<RuleRef> inactiveRules,
        String replacedBy,
        List<String> replaces,
        boolean includesSubtechniques,
        List<DetectionStrategy> detectionStrategies,
        List<AnalyticEvent> analyticEvents,
        List<RuleRef> replacedRules) {

    /**
     * A catalog event that an ATT&amp;CK analytic of the technique names.
     *
     * @param inCatalog false when no dictionary describes the event
     * @param readByRules whether any of the technique's rules read the event
     * @param analytics the ids of the analytics naming it
     */
    public record AnalyticEvent(String provider, String shortProvider, String eventId, String title,
            boolean inCatalog, boolean readByRules, List<String> analytics) {}

    /**
     * A catalog event read by the technique's rules.
     *
     * @param inCatalog false when the event dictionaries have no entry for it (no title)
     * @param rules how many of the technique's rules read it
     */
    public record EventUse(String provider, String shortProvider, String eventId, String title, int rules,
            boolean inCatalog) {}

    /**
     * A canonical field the technique's rules filter on.
     *
     * @param rules how many rules test the field
     * @param operators occurrences of each operator on the field
     * @param samples the most used values, in the spelling of their first occurrence
     * @param sampleOperators the operator of each sample's first occurrence, which determines how
     *     to read it (a wildcard value escapes backslashes)
     * @param vendorFields the vendor spellings seen, such as Image and process.executable
     */
    public record FieldUse(String field, int rules, Map<String, Integer> operators, List<String> samples,
            List<String> sampleOperators, List<String> vendorFields) {}

    /**
     * A (field, operator, value) the technique's rules test outside any Not.
     *
     * @param rules how many of the technique's rules hold it
     * @param corpusReach how many active rules of the whole catalog hold it, whatever their technique
     * @param specific whether no rule outside this technique has it
     */
    public record IndicatorUse(String field, String operator, String value, int rules, int corpusReach,
            boolean specific) {}

    /** A top-level exclusion: a test under a Not directly below the root, with the rules holding it. */
    public record ExclusionUse(String field, String operator, String value, int rules) {}
}
