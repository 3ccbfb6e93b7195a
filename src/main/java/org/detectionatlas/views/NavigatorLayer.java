package org.detectionatlas.views;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;

/**
 * An ATT&amp;CK Navigator layer (layer format 4.5, Navigator 5.x) scoring each technique by the
 * number of given rules whose own tags name it. A tag of a revoked technique counts for the
 * technique that replaces it, once per rule, because the Navigator does not show revoked
 * techniques. Ids unknown to the loaded ATT&amp;CK bundle are left out, since the Navigator
 * rejects them, and so are revoked ones without a replacement.
 */
public final class NavigatorLayer {
    static final String LAYER_VERSION = "4.5";
    static final String NAVIGATOR_VERSION = "5.1.0";

    private NavigatorLayer() {}

    /** Builds the layer as ordered maps, ready for {@link Json#write}. */
    public static Map<String, Object> of(Catalog catalog, Collection<Rule> rules, String name, String description) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Rule rule : rules) {
            Set<String> ids = new LinkedHashSet<>();
            for (String id : rule.techniques()) {
                ids.add(catalog.replacementOf(id));
            }
            for (String id : ids) {
                Map<String, Integer> byVendor = counts.computeIfAbsent(id, key -> emptyCounts());
                byVendor.merge(rule.vendor().id(), 1, Integer::sum);
            }
        }
        List<Map<String, Object>> techniques = new ArrayList<>();
        int max = 0;
        for (Map.Entry<String, Map<String, Integer>> entry : counts.entrySet()) {
            Technique technique = catalog.technique(entry.getKey()).orElse(null);
            if (technique == null || !technique.known() || technique.revoked()) {
                continue;
            }
            int score = entry.getValue().values().stream().mapToInt(Integer::intValue).sum();
            max = Math.max(max, score);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("techniqueID", technique.id());
            item.put("score", score);
            item.put("comment", comment(entry.getValue()));
            item.put("enabled", true);
            item.put("showSubtechniques", false);
            techniques.add(item);
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", name);
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("attack", majorVersion(catalog.attackVersion()));
        versions.put("navigator", NAVIGATOR_VERSION);
        versions.put("layer", LAYER_VERSION);
        layer.put("versions", versions);
        layer.put("domain", "enterprise-attack");
        layer.put("description", description);
        layer.put("sorting", 3);
        layer.put("hideDisabled", false);
        layer.put("techniques", techniques);
        Map<String, Object> gradient = new LinkedHashMap<>();
        gradient.put("colors", List.of("#dbeafe", "#2563eb"));
        gradient.put("minValue", 0);
        gradient.put("maxValue", Math.max(1, max));
        layer.put("gradient", gradient);
        layer.put("legendItems", List.of());
        layer.put("metadata", List.of(Map.of("name", "generator", "value", "Detection Atlas")));
        layer.put("showTacticRowBackground", false);
        layer.put("selectTechniquesAcrossTactics", true);
        layer.put("selectSubtechniquesWithParent", false);
        return layer;
    }

    private static Map<String, Integer> emptyCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Vendor vendor : Vendor.values()) {
            counts.put(vendor.id(), 0);
        }
        return counts;
    }

    private static String comment(Map<String, Integer> byVendor) {
        List<String> parts = new ArrayList<>();
        byVendor.forEach((vendor, count) -> parts.add(vendor + " " + count));
        return "rules: " + String.join(", ", parts);
    }

    /** Returns the major number of an ATT&amp;CK version, such as 18 for 18.1, which is how the Navigator names versions. */
    static String majorVersion(String version) {
        int dot = version.indexOf('.');
        return dot > 0 ? version.substring(0, dot) : version;
    }
}
