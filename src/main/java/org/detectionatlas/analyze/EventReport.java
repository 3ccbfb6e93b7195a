package org.detectionatlas.analyze;

import java.util.List;

/**
 * The event page's content: the event's fields from its dictionary, the techniques whose active
 * rules read it, those rules, and the fields the rules filter on. Serialized as the event JSON.
 *
 * @param inCatalog false when rules map to the event but no dictionary describes it
 * @param fields the dictionary's fields, each with the number of rules that filter on it
 * @param techniques techniques whose active rules read the event, most rules first
 * @param rules the active rules that read the event, by vendor then title
 * @param filteredFields the canonical fields those rules test, most rules first, each with the
 *     event field it matches or null when the dictionary has no such field
 */
public record EventReport(
        String provider,
        String shortProvider,
        String eventId,
        String title,
        String description,
        String platform,
        String version,
        String source,
        boolean inCatalog,
        List<FieldView> fields,
        List<TechniqueUse> techniques,
        List<RuleRef> rules,
        List<FilteredField> filteredFields) {

    /**
     * One field of the event's dictionary.
     *
     * @param rules how many of the event's rules test this field
     */
    public record FieldView(String name, String type, String description, int rules) {}

    /** A technique whose active rules read the event, with the number of those rules. */
    public record TechniqueUse(String id, String name, int rules) {}

    /**
     * A field that the event's rules test.
     *
     * @param field the canonical field, or the vendor field when the dictionary does not map it
     * @param vendorFields the spellings the rules use
     * @param rules how many of the event's rules test it
     * @param eventField the dictionary field it matches, or null
     */
    public record FilteredField(String field, List<String> vendorFields, int rules, String eventField) {}
}
