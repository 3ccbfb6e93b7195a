package org.detectionatlas.analyze;

import java.util.List;
import java.util.Map;

/**
 * The active rules that map to no catalog event, grouped by the reason.
 *
 * @param total active rules without a catalog event
 * @param byReason rules per reason, most first
 * @param rules every such rule with its reason, by vendor then title
 */
public record RulesWithoutEvents(int total, Map<String, Integer> byReason, List<Entry> rules) {

    /**
     * One rule without a catalog event.
     *
     * @param reason the reason, short enough to group rules by
     * @param detail what the rule declares that the event mapping does not know
     */
    public record Entry(RuleRef rule, String file, String reason, String detail) {}
}
