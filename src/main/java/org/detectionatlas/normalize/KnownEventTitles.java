package org.detectionatlas.normalize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.EventKey;

/**
 * Titles of well-known events that the event dictionaries lack (the Service Control Manager's
 * 7045, say) or name only "Event N", from {@code event-titles.tsv}. Pages use one only where the
 * catalog has no title of its own.
 */
public final class KnownEventTitles {
    static final String RESOURCE = "event-titles.tsv";
    static final List<String> HEADER = List.of("provider", "event_id", "title");

    private final Map<EventKey, String> titles = new HashMap<>();

    private KnownEventTitles() {}

    public static KnownEventTitles loadDefault() {
        return from(TsvFile.readResource(RESOURCE, HEADER, 3));
    }

    static KnownEventTitles from(TsvFile file) {
        KnownEventTitles known = new KnownEventTitles();
        for (TsvFile.Row row : file.rows()) {
            known.titles.put(new EventKey(row.cell(0), row.cell(1)), row.cell(2));
        }
        return known;
    }

    /** Returns the known title of the event, or "" when the table has none. */
    public String title(EventKey key) {
        return titles.getOrDefault(key, "");
    }

    /**
     * Returns {@code catalogTitle} unless it is empty or only "Event N", in which case the
     * known title when there is one.
     */
    public String better(EventKey key, String catalogTitle) {
        boolean generic = catalogTitle == null || catalogTitle.isEmpty()
                || catalogTitle.equals("Event " + key.eventId());
        String known = title(key);
        if (generic && !known.isEmpty()) {
            return known;
        }
        return catalogTitle == null ? "" : catalogTitle;
    }
}
