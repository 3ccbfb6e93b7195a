package org.detectionatlas.web;

import java.util.List;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.FieldCoverage;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.analyze.RulesWithoutEvents;

/**
 * The normalization gaps: vendor fields the field dictionary does not map, and active rules that
 * map to no catalog event, with the reason. At most {@link #MAX_ROWS} of each are listed; the
 * JSON API has them all.
 */
public record GapsPage(FieldCoverage.Share share, long windowsTests, long allTests,
        List<FieldCoverage.UnmappedField> unmappedFields, int unmappedFieldCount, RulesWithoutEvents withoutEvents,
        List<RulesWithoutEvents.Entry> rulesShown, java.util.Map<String, String> sampleTitles) {
    static final int MAX_ROWS = 300;

    public static GapsPage of(CatalogIndex index) {
        FieldCoverage coverage = index.fieldCoverage();
        RulesWithoutEvents withoutEvents = index.rulesWithoutEvents();
        List<FieldCoverage.UnmappedField> fields = coverage.unmapped();
        List<FieldCoverage.UnmappedField> shown = fields.subList(0, Math.min(MAX_ROWS, fields.size()));
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        for (FieldCoverage.UnmappedField field : shown) {
            org.detectionatlas.model.Vendor.fromId(field.vendor())
                    .flatMap(vendor -> index.catalog().rule(vendor, field.sampleRule()))
                    .ifPresent(rule -> titles.put(field.vendor() + "/" + field.sampleRule(), rule.title()));
        }
        return new GapsPage(coverage.share(), coverage.windowsTests(), coverage.allTests(), shown, fields.size(),
                withoutEvents, withoutEvents.rules().subList(0, Math.min(MAX_ROWS, withoutEvents.rules().size())),
                titles);
    }

    /** Returns the title of a field's example rule, or its id when the title is empty. */
    public String sampleRuleTitle(FieldCoverage.UnmappedField field) {
        String title = sampleTitles.getOrDefault(field.vendor() + "/" + field.sampleRule(), "");
        return title.isEmpty() ? field.sampleRule() : title;
    }

    public String ruleUrl(RuleRef rule) {
        return Urls.rule(rule.vendor(), rule.id());
    }

    public String sampleRuleUrl(FieldCoverage.UnmappedField field) {
        return Urls.rule(field.vendor(), field.sampleRule());
    }

    /** Formats a share such as 0.9786 as 97.9%. */
    public static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }
}
