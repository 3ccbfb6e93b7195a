package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.analyze.TechniqueReport;

/**
 * The technique page: the report plus what the template needs to lay it out.
 *
 * @param rulesByVendor the listed rules by vendor, after the vendor filter and the sort
 * @param sort title, level, status or parse
 * @param vendor the vendor filter, empty for all
 * @param withSubtechniques whether the report covers the sub-techniques' rules too
 */
public record TechniquePage(TechniqueReport report, Map<String, List<RuleRef>> rulesByVendor, int maxFieldRules,
        String summary, String sort, String vendor, boolean withSubtechniques, List<VendorBar> vendorBars) {
    /** Sort keys of the rule list. */
    public static final List<String> SORTS = List.of("title", "level", "status", "parse");
    /** Height in SVG units of one vendor's bar in the chart. */
    public static final int BAR_HEIGHT = 18;

    /** One bar of the per-vendor chart, in SVG user units out of a width of 200. */
    public record VendorBar(String vendor, int rules, int y, int width) {}

    public static TechniquePage of(TechniqueReport report) {
        return of(report, "title", "", false);
    }

    public static TechniquePage of(TechniqueReport report, String sort, String vendor, boolean withSubtechniques) {
        String sortKey = SORTS.contains(sort) ? sort : "title";
        Map<String, List<RuleRef>> byVendor = new LinkedHashMap<>();
        for (String id : report.rulesByVendor().keySet()) {
            if (vendor.isEmpty() || vendor.equals(id)) {
                byVendor.put(id, new ArrayList<>());
            }
        }
        for (RuleRef rule : report.rules()) {
            if (vendor.isEmpty() || vendor.equals(rule.vendor())) {
                byVendor.computeIfAbsent(rule.vendor(), key -> new ArrayList<>()).add(rule);
            }
        }
        byVendor.values().forEach(list -> list.sort(comparator(sortKey)));
        int maxFieldRules = report.fields().stream().mapToInt(TechniqueReport.FieldUse::rules).max().orElse(1);
        int maxVendor = report.rulesByVendor().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<VendorBar> bars = new ArrayList<>();
        int y = 0;
        for (Map.Entry<String, Integer> entry : report.rulesByVendor().entrySet()) {
            int width = maxVendor == 0 ? 0 : Math.round(200f * entry.getValue() / maxVendor);
            bars.add(new VendorBar(entry.getKey(), entry.getValue(), y, width));
            y += BAR_HEIGHT + 4;
        }
        return new TechniquePage(report, byVendor, Math.max(1, maxFieldRules), firstParagraph(report.description()),
                sortKey, vendor, withSubtechniques, bars);
    }

    private static Comparator<RuleRef> comparator(String sort) {
        Comparator<RuleRef> byTitle = Comparator.comparing(rule -> rule.title().toLowerCase(Locale.ROOT));
        byTitle = byTitle.thenComparing(RuleRef::id);
        switch (sort) {
            case "level":
                return Comparator.comparingInt((RuleRef rule) -> levelRank(rule.level())).thenComparing(byTitle);
            case "status":
                return Comparator.comparing((RuleRef rule) -> rule.status().toLowerCase(Locale.ROOT)).thenComparing(byTitle);
            case "parse":
                return Comparator.comparingInt((RuleRef rule) -> parseRank(rule.parseStatus())).thenComparing(byTitle);
            default:
                return byTitle;
        }
    }

    /** Ranks levels most severe first; vendors spell them differently, unknown levels go last. */
    private static int levelRank(String level) {
        List<String> order = List.of("critical", "high", "medium", "low", "informational");
        int rank = order.indexOf(level.toLowerCase(Locale.ROOT));
        return rank < 0 ? order.size() : rank;
    }

    private static int parseRank(String status) {
        return List.of("failed", "partial", "parsed").indexOf(status);
    }

    /** Returns the first paragraph of a Markdown description (ATT&amp;CK, OSSEM-DD) with links and citations removed. */
    public static String firstParagraph(String description) {
        String paragraph = description.strip().split("\n\\s*\n", 2)[0];
        return paragraph.replaceAll("\\(Citation: [^)]*\\)", "")
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replace("<code>", "").replace("</code>", "").strip();
    }

    public String ruleUrl(RuleRef rule) {
        return Urls.rule(rule.vendor(), rule.id());
    }

    public String techniqueUrl(String id) {
        return Urls.technique(id);
    }

    /** Width in percent of a field's bar, relative to the most used field. */
    public int barWidth(int rules) {
        return Math.max(2, Math.round(100f * rules / maxFieldRules));
    }

    public String apiUrl() {
        return Urls.apiTechnique(report.id());
    }

    public String fieldUrl(String field) {
        return Urls.field(field);
    }

    public String indicatorUrl(String field, String operator, String value) {
        return Urls.indicator(field, operator, value);
    }

    public String eventUrl(String provider, String eventId) {
        return Urls.event(provider, eventId);
    }

    /** Links this page with one setting changed, keeping the others. */
    public String link(String newSort, String newVendor, boolean newSubtechniques) {
        List<String> parts = new ArrayList<>();
        if (!"title".equals(newSort)) {
            parts.add("sort=" + newSort);
        }
        if (!newVendor.isEmpty()) {
            parts.add("vendor=" + newVendor);
        }
        if (newSubtechniques) {
            parts.add("subtechniques=1");
        }
        return Urls.technique(report.id()) + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    public int chartHeight() {
        return vendorBars.size() * (BAR_HEIGHT + 4);
    }
}
