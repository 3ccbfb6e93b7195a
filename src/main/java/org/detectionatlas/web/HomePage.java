package org.detectionatlas.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.CatalogStats;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;

/** The home page: corpus summary and the ATT&amp;CK matrix shaded by rule count. */
public record HomePage(CatalogStats stats, List<Column> columns, List<Cell> unknown, List<Cell> covered,
        int activeRules) {

    /** One tactic of the matrix with its techniques. */
    public record Column(Tactic tactic, List<Cell> cells) {}

    /**
     * One technique of the matrix.
     *
     * @param rules active rules naming the technique or one of its sub-techniques
     * @param ownRules active rules naming exactly this id
     * @param byVendor the {@code rules} count split by vendor
     */
    public record Cell(String id, String name, int rules, int ownRules, Map<String, Integer> byVendor) {
        public String url() {
            return Urls.technique(id);
        }

        /** Shade class from heat0 (no rule) to heat5 (many rules). */
        public String heat() {
            int[] upperBounds = {0, 2, 5, 10, 25};
            int level = 0;
            while (level < upperBounds.length && rules > upperBounds[level]) {
                level++;
            }
            return "heat" + level;
        }

        public String vendorSplit() {
            return "Sigma " + byVendor.getOrDefault("sigma", 0) + ", Elastic " + byVendor.getOrDefault("elastic", 0)
                    + ", Splunk " + byVendor.getOrDefault("splunk", 0);
        }
    }

    public static HomePage of(CatalogIndex index) {
        Map<String, Map<String, Integer>> coverage = index.coverage();
        List<Column> columns = new ArrayList<>();
        for (Tactic tactic : index.catalog().tactics()) {
            List<Cell> cells = new ArrayList<>();
            for (Technique technique : index.catalog().techniques().values()) {
                if (technique.isSubtechnique() || technique.revoked() || technique.deprecated() || !technique.known()
                        || !technique.tactics().contains(tactic.shortName())) {
                    continue;
                }
                cells.add(cell(technique, coverage));
            }
            cells.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
            columns.add(new Column(tactic, cells));
        }
        List<Cell> unknown = new ArrayList<>();
        for (Technique technique : index.catalog().techniques().values()) {
            if (!technique.known()) {
                unknown.add(cell(technique, coverage));
            }
        }
        List<Cell> covered = new ArrayList<>();
        for (String id : coverage.keySet()) {
            index.catalog().technique(id).ifPresent(technique -> covered.add(ownCell(technique, coverage)));
        }
        covered.sort((a, b) -> a.ownRules() != b.ownRules() ? Integer.compare(b.ownRules(), a.ownRules())
                : a.id().compareTo(b.id()));
        CatalogStats stats = index.stats();
        int active = stats.vendors().values().stream().mapToInt(vendor -> vendor.active().rules()).sum();
        return new HomePage(stats, columns, unknown, covered, active);
    }

    /** A cell counting only the rules that name exactly this id. */
    private static Cell ownCell(Technique technique, Map<String, Map<String, Integer>> coverage) {
        Map<String, Integer> own = coverage.getOrDefault(technique.id(), Map.of());
        int rules = own.values().stream().mapToInt(Integer::intValue).sum();
        return new Cell(technique.id(), technique.name(), rules, rules, own);
    }

    private static Cell cell(Technique technique, Map<String, Map<String, Integer>> coverage) {
        Map<String, Integer> own = coverage.getOrDefault(technique.id(), Map.of());
        Map<String, Integer> total = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> entry : coverage.entrySet()) {
            String id = entry.getKey();
            if (id.equals(technique.id()) || id.startsWith(technique.id() + ".")) {
                entry.getValue().forEach((vendor, count) -> total.merge(vendor, count, Integer::sum));
            }
        }
        int ownRules = own.values().stream().mapToInt(Integer::intValue).sum();
        int rules = total.values().stream().mapToInt(Integer::intValue).sum();
        return new Cell(technique.id(), technique.name(), rules, ownRules, total);
    }
}
