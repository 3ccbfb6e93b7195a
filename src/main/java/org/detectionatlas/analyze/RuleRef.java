package org.detectionatlas.analyze;

import org.detectionatlas.model.Rule;

/** A short reference to a rule, for lists. */
public record RuleRef(String vendor, String id, String title, String collection, String status, String level,
        String parseStatus, boolean active) {

    public static RuleRef of(Rule rule) {
        return new RuleRef(rule.vendor().id(), rule.id(), rule.title(), rule.collection(), rule.status(), rule.level(),
                rule.parseStatus().name().toLowerCase(java.util.Locale.ROOT), rule.active());
    }
}
