package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectionatlas.analyze.RuleReport;
import org.detectionatlas.analyze.TreeWalk;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;

/** The rule page: the report plus the predicate tree flattened into indented lines. */
public record RulePage(RuleReport report, List<TreeLine> treeLines, String highlightedSource,
        List<QueryPart> queryParts, int highlights) {
    /** Spans considered per rule; a rule with more keeps the rest unmarked. */
    static final int MAX_SPANS = 2000;

    /**
     * A run of the query text, marked when a predicate was read from it.
     *
     * @param title the predicate's own text, shown as a tooltip on marked runs
     */
    public record QueryPart(String text, boolean mark, String title) {}

    /**
     * One line of the drawn tree.
     *
     * @param depth indentation level
     * @param kind and, or, not, sequence, opaque or predicate
     * @param label the connective, or a predicate's operator and canonical field
     * @param operator a predicate's operator id, else empty
     * @param value a predicate's value, else null
     * @param suffix text after the value, such as "cased"
     * @param original the rule's own text of a predicate, may be empty
     */
    public record TreeLine(int depth, String kind, String label, String operator, String value, String suffix,
            String original) {
        TreeLine(int depth, String kind, String label, String original) {
            this(depth, kind, label, "", null, "", original);
        }
    }

    /**
     * An analytic story a Splunk rule belongs to.
     *
     * @param name the story's name
     * @param url the story's upstream file, or empty when the corpus does not define the story
     */
    public record StoryLink(String name, String url) {}

    public static RulePage of(RuleReport report) {
        return of(report, null);
    }

    /**
     * Builds the page, marking in the query the text each predicate of the rule's tree was read
     * from: offsets for the query languages, whole lines for Sigma, where only lines are known.
     */
    public static RulePage of(RuleReport report, Rule rule) {
        List<TreeLine> lines = new ArrayList<>();
        flatten(report.tree(), 0, lines);
        String source = report.query();
        String sourceName = "query";
        if ("splunk".equals(report.vendor()) && report.properties().containsKey("expandedSearch")) {
            source = report.properties().get("expandedSearch");
            sourceName = "expandedSearch";
        }
        List<Predicate> predicates = rule == null || rule.tree() == null ? List.of() : TreeWalk.predicates(rule.tree());
        List<QueryPart> parts = "sigma".equals(report.vendor()) ? QueryMarks.byLine(source, predicates)
                : QueryMarks.byOffset(source, predicates);
        int marked = (int) parts.stream().filter(QueryPart::mark).count();
        return new RulePage(report, lines, sourceName, parts, marked);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(Object node, int depth, List<TreeLine> out) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.containsKey("operator")) {
            Object field = map.get("field");
            String operator = String.valueOf(map.get("operator"));
            String label = operator + " " + (field == null ? "(any field)" : field);
            Object original = map.get("original");
            out.add(new TreeLine(depth, "predicate", label, operator, String.valueOf(map.get("value")),
                    Boolean.TRUE.equals(map.get("caseSensitive")) ? " cased" : "", original == null ? "" : original.toString()));
            return;
        }
        Map.Entry<String, Object> entry = ((Map<String, Object>) map).entrySet().iterator().next();
        switch (entry.getKey()) {
            case "not":
                out.add(new TreeLine(depth, "not", "not", ""));
                flatten(entry.getValue(), depth + 1, out);
                break;
            case "and":
            case "or":
                out.add(new TreeLine(depth, entry.getKey(), entry.getKey(), ""));
                for (Object child : (List<Object>) entry.getValue()) {
                    flatten(child, depth + 1, out);
                }
                break;
            case "sequence": {
                Map<String, Object> body = (Map<String, Object>) entry.getValue();
                Object by = body.get("by");
                boolean joined = by instanceof List<?> joinKeys && !joinKeys.isEmpty();
                String label = (Boolean.FALSE.equals(body.get("ordered")) ? "sample" : "sequence")
                        + (joined ? " by " + by : "") + (String.valueOf(body.get("maxspan")).isEmpty() ? ""
                        : " within " + body.get("maxspan"));
                out.add(new TreeLine(depth, "sequence", label, ""));
                List<Object> steps = (List<Object>) body.get("steps");
                List<Object> stepBy = (List<Object>) body.getOrDefault("stepBy", List.of());
                List<Object> runs = (List<Object>) body.getOrDefault("runs", List.of());
                for (int i = 0; i < steps.size(); i++) {
                    Object keys = i < stepBy.size() ? stepBy.get(i) : List.of();
                    Object count = i < runs.size() ? runs.get(i) : 1;
                    boolean keyed = keys instanceof List<?> list && !list.isEmpty();
                    boolean repeated = !Integer.valueOf(1).equals(count);
                    if (keyed || repeated) {
                        out.add(new TreeLine(depth + 1, "sequence", "step " + (i + 1)
                                + (keyed ? " joined by " + keys : "") + (repeated ? ", " + count + " runs" : ""), ""));
                        flatten(steps.get(i), depth + 2, out);
                    } else {
                        flatten(steps.get(i), depth + 1, out);
                    }
                }
                if (body.containsKey("until")) {
                    out.add(new TreeLine(depth + 1, "sequence", "until", ""));
                    flatten(body.get("until"), depth + 2, out);
                }
                break;
            }
            default: {
                Map<String, Object> body = (Map<String, Object>) entry.getValue();
                out.add(new TreeLine(depth, "opaque", "not modelled: " + body.get("reason"),
                        String.valueOf(body.get("text"))));
            }
        }
    }

    /** Returns the rule's analytic stories, in the order it names them, linked where known. */
    public List<StoryLink> stories() {
        String names = report.properties().getOrDefault("stories", "");
        if (names.isBlank()) {
            return List.of();
        }
        Map<String, String> urls = new java.util.HashMap<>();
        for (String line : report.properties().getOrDefault("storyLinks", "").split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                urls.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        List<StoryLink> stories = new ArrayList<>();
        for (String name : names.split("\n")) {
            stories.add(new StoryLink(name, urls.getOrDefault(name, "")));
        }
        return stories;
    }

    public String techniqueUrl(String id) {
        return Urls.technique(id);
    }

    public String techniqueCsvUrl() {
        return "/export/indicators.csv?rule=" + Urls.encodeQuery(report.vendor() + "/" + report.id());
    }

    public String indicatorUrl(RuleReport.PredicateView predicate) {
        return Urls.indicator(predicate.field(), predicate.operator(), predicate.value());
    }

    public String fieldUrl(String field) {
        return Urls.field(field);
    }

    public String eventUrl(String provider, String eventId) {
        return Urls.event(provider, eventId);
    }

    public String apiUrl() {
        return Urls.apiRule(report.vendor(), report.id());
    }
}
