package org.detectionatlas.normalize;

import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * Puts a rule in canonical form: vendor fields become canonical fields, values take canonical
 * form where the meaning is the same, and the rule is mapped onto the catalog events it reads.
 */
public final class Normalizer {

    /** Loads the field dictionary and event mappings shipped with the product. */
    public static Normalizer loadDefault() {
        return new Normalizer();
    }

    /** Returns a copy of the rule with canonical predicates and its catalog events. */
    public Rule normalize(Rule rule) {
        // TODO: stub until normalization lands.
        return rule;
    }

    /** Returns every vendor spelling of a canonical field, by vendor. */
    public Map<Vendor, List<String>> spellings(String canonicalField) {
        return Map.of();
    }
}
