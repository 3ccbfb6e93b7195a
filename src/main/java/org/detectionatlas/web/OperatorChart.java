package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A horizontal stacked bar of operator use, drawn as inline SVG by the template. Widths are in
 * SVG user units out of {@link #WIDTH}.
 */
public record OperatorChart(List<Segment> segments, int total) {
    public static final int WIDTH = 600;

    /** One operator's share of the bar. */
    public record Segment(String operator, int count, int x, int width) {
        public String cssClass() {
            return "op-" + operator.replace('_', '-');
        }
    }

    static OperatorChart of(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Segment> segments = new ArrayList<>();
        if (total == 0) {
            return new OperatorChart(segments, 0);
        }
        int x = 0;
        int done = 0;
        for (String operator : FieldPage.operatorOrder()) {
            Integer count = counts.get(operator);
            if (count == null || count == 0) {
                continue;
            }
            done += count;
            // Rounding the running end, not each width, makes the segments fill the bar exactly.
            int end = Math.round((float) WIDTH * done / total);
            segments.add(new Segment(operator, count, x, end - x));
            x = end;
        }
        return new OperatorChart(segments, total);
    }
}
