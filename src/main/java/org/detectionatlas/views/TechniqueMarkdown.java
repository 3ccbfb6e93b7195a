package org.detectionatlas.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.detectionatlas.analyze.RuleRef;
import org.detectionatlas.analyze.TechniqueReport;
import org.detectionatlas.web.ValueDisplay;

/**
 * Renders a technique report as Markdown, for the command line and for pasting into notes.
 * Wildcard values are shown without their backslash escapes ({@link ValueDisplay#plain}), so
 * {@code *\Windows\*} reads as a path. A literal star or question mark then looks like a wildcard.
 */
public final class TechniqueMarkdown {
    private TechniqueMarkdown() {}

    public static String render(TechniqueReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(report.id());
        if (!report.name().isEmpty()) {
            out.append(' ').append(report.name());
        }
        out.append("\n\n");
        if (!report.known()) {
            String notice = report.attackVersion().isEmpty()
                    ? "No ATT&CK bundle was loaded, so this id could not be checked"
                    : "This id is unknown to the loaded ATT&CK version " + report.attackVersion();
            out.append('_').append(notice).append("; it is listed because rules name it._\n\n");
        }
        out.append("Rules: ").append(report.rulesByVendor().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")))
                .append(". ATT&CK: ").append(report.url()).append("\n\n");

        out.append("## Events\n\n| provider | event id | title | rules |\n|---|---|---|---|\n");
        for (TechniqueReport.EventUse event : report.events()) {
            row(out, event.shortProvider(), event.eventId(), event.title(), String.valueOf(event.rules()));
        }

        out.append("\n## Fields filtered most\n\n| field | rules | operators | samples |\n|---|---|---|---|\n");
        for (TechniqueReport.FieldUse field : report.fields()) {
            row(out, field.field(), String.valueOf(field.rules()), operators(field.operators()), samples(field));
        }

        out.append("\n## Indicators\n\n| field | operator | value | rules | corpus reach |\n|---|---|---|---|---|\n");
        for (TechniqueReport.IndicatorUse indicator : report.indicators()) {
            row(out, String.valueOf(indicator.field()), indicator.operator(),
                    ValueDisplay.plain(indicator.operator(), indicator.value()),
                    String.valueOf(indicator.rules()), indicator.specific() ? "" : String.valueOf(indicator.corpusReach()));
        }

        out.append("\n## Common exclusions\n\n| field | operator | value | rules |\n|---|---|---|---|\n");
        for (TechniqueReport.ExclusionUse exclusion : report.exclusions()) {
            row(out, String.valueOf(exclusion.field()), exclusion.operator(),
                    ValueDisplay.plain(exclusion.operator(), exclusion.value()),
                    String.valueOf(exclusion.rules()));
        }

        out.append("\n## Rules\n");
        rules(out, report.rules());
        if (!report.inactiveRules().isEmpty()) {
            out.append("\n## Deprecated and unsupported rules (not counted)\n");
            rules(out, report.inactiveRules());
        }
        return out.toString();
    }

    private static void rules(StringBuilder out, List<RuleRef> rules) {
        String vendor = null;
        for (RuleRef rule : rules) {
            if (!rule.vendor().equals(vendor)) {
                vendor = rule.vendor();
                out.append("\n### ").append(vendor).append("\n\n");
            }
            out.append("- ").append(cell(rule.title())).append(" (").append(rule.id()).append(")\n");
        }
    }

    /** Joins the field's sample values, each wildcard one without its backslash escapes. */
    private static String samples(TechniqueReport.FieldUse field) {
        List<String> plainSamples = new ArrayList<>(field.samples().size());
        for (int i = 0; i < field.samples().size(); i++) {
            String operator = i < field.sampleOperators().size() ? field.sampleOperators().get(i) : "";
            plainSamples.add(ValueDisplay.plain(operator, field.samples().get(i)));
        }
        return String.join(", ", plainSamples);
    }

    private static String operators(Map<String, Integer> operators) {
        return operators.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell(cell)).append(" |");
        }
        out.append('\n');
    }

    /** Escapes the characters that would break a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "\\`")
                .replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;");
    }
}
