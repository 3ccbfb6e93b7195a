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
        int activeRules, String vendor, String platform, List<String> platforms) {

    /** One tactic of the matrix with its techniques. */
    public record Column(Tactic tactic, List<Cell> cells) {}

    /**
     * One technique of the matrix.
     *
     * @param rules active rules naming the technique or one of its sub-techniques
     * @param ownRules active rules naming exactly this id
     * @param byVendor the {@code rules} count split by vendor
     */
    public record Cell(String id, String name, int rules, int ownRules, Map<String, Integer> byVendor,
            List<Cell> subtechniques) {
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
        return of(index, "", "");
    }

    /**
     * Builds the page for one vendor's rules and one ATT&amp;CK platform; an empty vendor or
     * platform means all. An unknown vendor counts no rule, and an unknown platform shows no technique.
     */
    public static HomePage of(CatalogIndex index, String vendor, String platform) {
        Map<String, Map<String, Integer>> coverage = filterVendor(index.coverage(), vendor);
        Map<String, Map<String, Integer>> totals = filterVendor(index.coverageWithSubtechniques(), vendor);
        Map<String, List<Technique>> subtechniques = new java.util.HashMap<>();
        java.util.Set<String> platforms = new java.util.TreeSet<>();
        for (Technique technique : index.catalog().techniques().values()) {
            platforms.addAll(technique.platforms());
            if (technique.isSubtechnique() && technique.known() && !technique.revoked() && !technique.deprecated()) {
                subtechniques.computeIfAbsent(technique.parentId(), key -> new ArrayList<>()).add(technique);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (Tactic tactic : index.catalog().tactics()) {
            List<Cell> cells = new ArrayList<>();
            for (Technique technique : index.catalog().techniques().values()) {
                if (technique.isSubtechnique() || technique.revoked() || technique.deprecated() || !technique.known()
                        || !technique.tactics().contains(tactic.shortName())
                        || !(platform.isEmpty() || technique.platforms().stream().anyMatch(platform::equalsIgnoreCase))) {
                    continue;
                }
                List<Cell> subs = new ArrayList<>();
                for (Technique sub : subtechniques.getOrDefault(technique.id(), List.of())) {
                    subs.add(ownCell(sub, coverage));
                }
                Cell parent = cell(technique, coverage, totals);
                cells.add(new Cell(parent.id(), parent.name(), parent.rules(), parent.ownRules(), parent.byVendor(),
                        subs));
            }
            cells.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
            columns.add(new Column(tactic, cells));
        }
        List<Cell> unknown = new ArrayList<>();
        for (Technique technique : index.catalog().techniques().values()) {
            if (!technique.known()) {
                unknown.add(cell(technique, coverage, totals));
            }
        }
        List<Cell> covered = new ArrayList<>();
        for (String id : coverage.keySet()) {
            index.catalog().technique(id).ifPresent(technique -> covered.add(ownCell(technique, coverage)));
        }
        covered.sort((a, b) -> a.ownRules() != b.ownRules() ? Integer.compare(b.ownRules(), a.ownRules())
                : a.id().compareTo(b.id()));
        CatalogStats stats = index.stats();
        int active = stats.vendors().values().stream().mapToInt(counts -> counts.active().rules()).sum();
        return new HomePage(stats, columns, unknown, covered, active, vendor, platform, List.copyOf(platforms));
    }

    private static Map<String, Map<String, Integer>> filterVendor(Map<String, Map<String, Integer>> coverage,
            String vendor) {
        if (vendor.isEmpty()) {
            return coverage;
        }
        Map<String, Map<String, Integer>> out = new java.util.TreeMap<>();
        coverage.forEach((id, byVendor) -> {
            int count = byVendor.getOrDefault(vendor, 0);
            if (count > 0) {
                out.put(id, Map.of(vendor, count));
            }
        });
        return out;
    }

    /** Returns the ATT&amp;CK platforms the techniques name, sorted. */
    static java.util.Set<String> platforms(CatalogIndex index) {
        java.util.Set<String> platforms = new java.util.TreeSet<>();
        index.catalog().techniques().values().forEach(technique -> platforms.addAll(technique.platforms()));
        return platforms;
    }

    /** Returns the vendor ids for the filter form. */
    public List<String> vendors() {
        return List.of("sigma", "elastic", "splunk");
    }

    /** Returns the query string of the current filters, for export links. */
    public String navigatorUrl() {
        return vendor.isEmpty() ? "/export/navigator.json" : "/export/navigator.json?vendor=" + Urls.encodeQuery(vendor);
    }

    /** Returns a cell that counts only the rules naming exactly this id. */
    private static Cell ownCell(Technique technique, Map<String, Map<String, Integer>> coverage) {
        Map<String, Integer> own = coverage.getOrDefault(technique.id(), Map.of());
        int rules = own.values().stream().mapToInt(Integer::intValue).sum();
        return new Cell(technique.id(), technique.name(), rules, rules, own, List.of());
    }

    /** Returns a cell that counts the distinct rules of the technique and its sub-techniques. */
    private static Cell cell(Technique technique, Map<String, Map<String, Integer>> coverage,
            Map<String, Map<String, Integer>> totals) {
        Map<String, Integer> own = coverage.getOrDefault(technique.id(), Map.of());
        Map<String, Integer> total = technique.id().contains(".") ? own : totals.getOrDefault(technique.id(), Map.of());
        int ownRules = own.values().stream().mapToInt(Integer::intValue).sum();
        int rules = total.values().stream().mapToInt(Integer::intValue).sum();
        return new Cell(technique.id(), technique.name(), rules, ownRules, total, List.of());
    }
}
