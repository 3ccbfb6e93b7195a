package org.detectionatlas.web;

import java.util.List;
import java.util.Map;

/**
 * The search page: matches grouped by kind (technique, rule, field, value).
 *
 * @param counts matches per kind before the per-kind limit
 */
public record SearchPage(String query, Map<String, List<SiteIndex.Entry>> groups, Map<String, Integer> counts) {
    /** Matches shown per kind. */
    static final int LIMIT = 50;

    public static SearchPage of(SiteIndex site, String query) {
        String text = query == null ? "" : query;
        return new SearchPage(text, site.search(text, LIMIT), site.searchCounts(text));
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public String navigatorUrl() {
        return "/export/navigator.json?q=" + Urls.encodeQuery(query);
    }
}
