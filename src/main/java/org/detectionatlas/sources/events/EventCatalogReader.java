package org.detectionatlas.sources.events;

import java.nio.file.Path;
import java.util.List;

/** Reads the OSSEM-DD event dictionaries under {@code <corpus>/events/ossem-dd}. */
public final class EventCatalogReader {

    public EventCatalogData read(Path corpusRoot) {
        // TODO: stub until the reader lands.
        return new EventCatalogData(List.of(), List.of());
    }
}
