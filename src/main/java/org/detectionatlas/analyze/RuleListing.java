package org.detectionatlas.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/** Lists rules by vendor and parse status, with their diagnostics, for parse-health views. */
public final class RuleListing {
    private RuleListing() {}

    /**
     * A listed rule with the diagnostics that explain its status.
     *
     * @param file path of the rule file relative to the corpus root
     */
    public record Entry(RuleRef rule, String file, List<Diagnostic> diagnostics) {}

    /**
     * The problems that concern a whole source rather than one rule, such as a macro the Splunk
     * corpus does not define, keyed by source (sigma, elastic, splunk, catalog).
     */
    public record SourceDiagnostics(Map<String, List<Diagnostic>> sources) {}

    /**
     * Returns the rules of a vendor (all vendors when null) with a parse status (any when null),
     * active ones only unless {@code includeInactive}.
     */
    public static List<Entry> list(Catalog catalog, Vendor vendor, ParseStatus status, boolean includeInactive) {
        List<Entry> out = new ArrayList<>();
        for (Rule rule : catalog.rules()) {
            boolean selected = (vendor == null || rule.vendor() == vendor)
                    && (status == null || rule.parseStatus() == status)
                    && (includeInactive || rule.active());
            if (selected) {
                out.add(new Entry(RuleRef.of(rule), rule.file(), rule.diagnostics()));
            }
        }
        return out;
    }

    /** Parses a status name such as {@code partial}; returns null for null or empty text. */
    public static ParseStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return ParseStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public static SourceDiagnostics sourceDiagnostics(Catalog catalog) {
        Map<String, List<Diagnostic>> sources = new java.util.LinkedHashMap<>();
        catalog.sources().forEach((vendor, summary) -> sources.put(vendor.id(), summary.diagnostics()));
        sources.put("catalog", catalog.catalogDiagnostics());
        return new SourceDiagnostics(sources);
    }
}
