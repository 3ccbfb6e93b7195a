package org.detectionatlas.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;

/**
 * Gives a rule that tags no tactic the tactics of its techniques, as ATT&amp;CK lists them. Splunk
 * detections tag techniques only, and a sub-technique's tactics are its parent's.
 */
final class TacticsFromTechniques {
    private TacticsFromTechniques() {}

    static Rule fill(Rule rule, Map<String, Technique> techniques) {
        if (!rule.tactics().isEmpty() || rule.techniques().isEmpty()) {
            return rule;
        }
        Set<String> tactics = new LinkedHashSet<>();
        for (String id : rule.techniques()) {
            Technique technique = techniques.get(id);
            if (technique != null) {
                tactics.addAll(technique.tactics());
            }
        }
        if (tactics.isEmpty()) {
            return rule;
        }
        return rule.withTactics(List.copyOf(tactics));
    }
}
