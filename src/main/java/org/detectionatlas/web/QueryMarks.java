package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Span;

/** Splits a rule's query text into runs, marking the runs predicates were read from. */
final class QueryMarks {
    private QueryMarks() {}

    /** Marks the {@code [start, end)} query offsets of each predicate; overlapping spans keep the first. */
    static List<RulePage.QueryPart> byOffset(String text, List<Predicate> predicates) {
        TreeMap<Integer, Predicate> byStart = new TreeMap<>();
        int considered = 0;
        for (Predicate predicate : predicates) {
            Span span = predicate.span();
            if (considered++ >= RulePage.MAX_SPANS) {
                break;
            }
            if (span.hasQueryRange() && span.end() > span.start() && span.end() <= text.length()) {
                byStart.putIfAbsent(span.start(), predicate);
            }
        }
        List<RulePage.QueryPart> parts = new ArrayList<>();
        int position = 0;
        for (Map.Entry<Integer, Predicate> entry : byStart.entrySet()) {
            int start = entry.getKey();
            int end = entry.getValue().span().end();
            if (start < position) {
                continue;
            }
            if (start > position) {
                parts.add(new RulePage.QueryPart(text.substring(position, start), false, ""));
            }
            parts.add(new RulePage.QueryPart(text.substring(start, end), true, title(entry.getValue())));
            position = end;
        }
        if (position < text.length()) {
            parts.add(new RulePage.QueryPart(text.substring(position), false, ""));
        }
        return parts;
    }

    /**
     * Marks whole lines for Sigma, whose predicates carry file lines but whose query text starts at
     * the detection section. The line offset is the one under which most predicates land on a line
     * naming their field or holding their value.
     */
    static List<RulePage.QueryPart> byLine(String text, List<Predicate> predicates) {
        String[] lines = text.split("\n", -1);
        List<Predicate> placed = new ArrayList<>();
        for (Predicate predicate : predicates) {
            if (predicate.span().line() > 0 && placed.size() < RulePage.MAX_SPANS) {
                placed.add(predicate);
            }
        }
        int offset = bestOffset(lines, placed);
        Map<Integer, String> marked = new HashMap<>();
        if (offset != Integer.MIN_VALUE) {
            for (Predicate predicate : placed) {
                int index = predicate.span().line() - offset;
                if (index >= 0 && index < lines.length) {
                    marked.merge(index, title(predicate), (a, b) -> a + "\n" + b);
                }
            }
        }
        List<RulePage.QueryPart> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i] + (i + 1 < lines.length ? "\n" : "");
            if (marked.containsKey(i)) {
                if (plain.length() > 0) {
                    parts.add(new RulePage.QueryPart(plain.toString(), false, ""));
                    plain.setLength(0);
                }
                parts.add(new RulePage.QueryPart(line, true, marked.get(i)));
            } else {
                plain.append(line);
            }
        }
        if (plain.length() > 0) {
            parts.add(new RulePage.QueryPart(plain.toString(), false, ""));
        }
        return parts;
    }

    private static int bestOffset(String[] lines, List<Predicate> predicates) {
        Map<Integer, Integer> votes = new HashMap<>();
        for (Predicate predicate : predicates) {
            for (int i = 0; i < lines.length; i++) {
                if (names(lines[i], predicate)) {
                    votes.merge(predicate.span().line() - i, 1, Integer::sum);
                }
            }
        }
        int best = Integer.MIN_VALUE;
        int bestScore = 0;
        // Scoring is linear in the predicates, so only the offsets with the most votes are scored.
        List<Integer> candidates = votes.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(20).map(Map.Entry::getKey).toList();
        for (int offset : candidates) {
            int score = score(lines, predicates, offset);
            if (score > bestScore) {
                best = offset;
                bestScore = score;
            }
        }
        return best;
    }

    private static int score(String[] lines, List<Predicate> predicates, int offset) {
        int score = 0;
        for (Predicate predicate : predicates) {
            int index = predicate.span().line() - offset;
            if (index < 0 || index >= lines.length) {
                continue;
            }
            if (names(lines[index], predicate)) {
                score++;
            }
        }
        return score;
    }

    /** Tells whether a line contains the predicate's vendor field or its value, as a list item line does. */
    private static boolean names(String line, Predicate predicate) {
        String key = predicate.vendorField();
        return (key != null && !key.isEmpty() && line.contains(key)) || line.contains(plainValue(predicate.value()));
    }

    /** Drops wildcard stars so a contains value can be found in the line that wrote it. */
    private static String plainValue(String value) {
        String trimmed = value;
        while (trimmed.startsWith("*")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("*") && !trimmed.endsWith("\\\\*")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? "\u0000" : trimmed.replace("\\\\", "\\");
    }

    private static String title(Predicate predicate) {
        String original = predicate.original();
        return original == null || original.isEmpty() ? predicate.operator().id() + " " + predicate.value() : original;
    }
}
