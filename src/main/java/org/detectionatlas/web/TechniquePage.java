package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.analyze.TechniqueReport;

/** The technique page: the report plus what the template needs to lay it out. */
public record TechniquePage(TechniqueReport report, Map<String, List<RuleRef>> rulesByVendor, int maxFieldRules,
        String summary) {

    public static TechniquePage of(TechniqueReport report) {
        Map<String, List<RuleRef>> byVendor = new LinkedHashMap<>();
        for (String vendor : report.rulesByVendor().keySet()) {
            byVendor.put(vendor, new ArrayList<>());
        }
        for (RuleRef rule : report.rules()) {
            byVendor.computeIfAbsent(rule.vendor(), key -> new ArrayList<>()).add(rule);
        }
        int maxFieldRules = report.fields().stream().mapToInt(TechniqueReport.FieldUse::rules).max().orElse(1);
        return new TechniquePage(report, byVendor, Math.max(1, maxFieldRules), firstParagraph(report.description()));
    }

    /** Returns the first paragraph of the ATT&amp;CK description with Markdown links and citations removed. */
    static String firstParagraph(String description) {
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
}
