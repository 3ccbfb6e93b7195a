package org.detectionatlas.views;

import java.util.List;
import java.util.function.Predicate;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.IndicatorKey;
import org.detectionatlas.analyze.TreeWalk;
import org.detectionatlas.model.Rule;

/**
 * A CSV (RFC 4180, CRLF line ends) of the tests of rules: one row per predicate with its role,
 * indicator when under no Not, exclusion under a top-level Not, and negated under a deeper Not.
 */
public final class IndicatorCsv {
    static final String HEADER = "vendor,rule_id,rule_title,techniques,role,field,vendor_field,operator,value,"
            + "case_sensitive,corpus_reach";

    private IndicatorCsv() {}

    /**
     * Writes one row for each predicate of the rules that passes the filter.
     *
     * <p>NOTE: values are written as the rules hold them. A value starting with {@code =},
     * {@code +}, {@code -} or {@code @} can be read as a formula by a spreadsheet.
     */
    public static String write(List<Rule> rules, CatalogIndex index,
            Predicate<org.detectionatlas.model.Predicate> filter) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (Rule rule : rules) {
            if (rule.tree() == null) {
                continue;
            }
            List<org.detectionatlas.model.Predicate> indicators = TreeWalk.indicators(rule.tree());
            List<org.detectionatlas.model.Predicate> exclusions = TreeWalk.exclusions(rule.tree());
            for (org.detectionatlas.model.Predicate predicate : TreeWalk.predicates(rule.tree())) {
                if (!filter.test(predicate)) {
                    continue;
                }
                String role = containsSame(indicators, predicate) ? "indicator"
                        : containsSame(exclusions, predicate) ? "exclusion" : "negated";
                row(out, rule.vendor().id(), rule.id(), rule.title(), String.join(" ", rule.techniques()), role,
                        predicate.field() == null ? "" : predicate.field(),
                        predicate.vendorField() == null ? "" : predicate.vendorField(), predicate.operator().id(),
                        predicate.value(), Boolean.toString(predicate.caseSensitive()),
                        Integer.toString(index.corpusReach(IndicatorKey.of(predicate))));
            }
        }
        return out.toString();
    }

    /** Compares by identity: the same record may sit twice in a tree under different roles. */
    private static boolean containsSame(List<org.detectionatlas.model.Predicate> list,
            org.detectionatlas.model.Predicate predicate) {
        for (org.detectionatlas.model.Predicate item : list) {
            if (item == predicate) {
                return true;
            }
        }
        return false;
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    static String cell(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
