package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.CatalogStats;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/** The parse health page: per vendor, the parse results and each diagnostic code with the rules it touches. */
public record HealthPage(CatalogStats stats, List<VendorHealth> vendors, List<Diagnostic> catalogDiagnostics) {
    /** Rules listed under one diagnostic code; the count above the list is never cut. */
    static final int MAX_RULES_PER_CODE = 100;

    /** One vendor's parse results and diagnostics by code, most frequent first. */
    public record VendorHealth(String vendor, CatalogStats.VendorStats stats, List<CodeHealth> codes) {}

    /**
     * One diagnostic code of one vendor.
     *
     * @param kind invalid, unsupported or warning (the first seen when a code has several)
     * @param diagnostics how many diagnostics carry the code
     * @param example the message of the first one
     * @param rules the affected rules, at most {@link #MAX_RULES_PER_CODE}
     * @param affected how many rules the code touches
     */
    public record CodeHealth(String code, String kind, int diagnostics, String example, List<RuleRef> rules,
            int affected) {}

    public static HealthPage of(CatalogIndex index) {
        List<VendorHealth> vendors = new ArrayList<>();
        for (Vendor vendor : Vendor.values()) {
            Map<String, Integer> counts = new TreeMap<>();
            Map<String, String> kinds = new TreeMap<>();
            Map<String, String> examples = new TreeMap<>();
            Map<String, Set<Rule>> affected = new TreeMap<>();
            for (Rule rule : index.catalog().rules()) {
                if (rule.vendor() != vendor) {
                    continue;
                }
                for (Diagnostic diagnostic : rule.diagnostics()) {
                    counts.merge(diagnostic.code(), 1, Integer::sum);
                    kinds.putIfAbsent(diagnostic.code(), diagnostic.kind().name().toLowerCase(Locale.ROOT));
                    examples.putIfAbsent(diagnostic.code(), diagnostic.message());
                    affected.computeIfAbsent(diagnostic.code(), key -> SiteIndex.ruleSet()).add(rule);
                }
            }
            List<CodeHealth> codes = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                Set<Rule> rules = affected.get(entry.getKey());
                List<Rule> sorted = new ArrayList<>(rules);
                sorted.sort(SiteIndex.byVendorAndTitle());
                codes.add(new CodeHealth(entry.getKey(), kinds.get(entry.getKey()), entry.getValue(),
                        examples.get(entry.getKey()),
                        sorted.stream().limit(MAX_RULES_PER_CODE).map(RuleRef::of).toList(), rules.size()));
            }
            codes.sort((a, b) -> a.diagnostics() != b.diagnostics() ? Integer.compare(b.diagnostics(), a.diagnostics())
                    : a.code().compareTo(b.code()));
            vendors.add(new VendorHealth(vendor.id(), index.stats().vendors().get(vendor.id()), codes));
        }
        return new HealthPage(index.stats(), vendors, index.catalog().catalogDiagnostics());
    }

    public String ruleUrl(RuleRef rule) {
        return Urls.rule(rule.vendor(), rule.id());
    }

    /** Percent of a vendor's active rules with the given count, for the stacked bar. */
    public static int percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(100f * part / whole);
    }
}
