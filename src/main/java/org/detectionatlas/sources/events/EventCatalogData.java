package org.detectionatlas.sources.events;

import java.util.List;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;

/**
 * The events read from the event dictionaries, with the problems met while reading them.
 *
 * @param events the events parsed at build time
 * @param lazy the events indexed at build time and parsed on first request
 */
public record EventCatalogData(List<CatalogEvent> events, List<Diagnostic> diagnostics, LazyEventCatalog lazy) {
    public EventCatalogData {
        events = List.copyOf(events);
        diagnostics = List.copyOf(diagnostics);
        lazy = lazy == null ? LazyEventCatalog.EMPTY : lazy;
    }

    public EventCatalogData(List<CatalogEvent> events, List<Diagnostic> diagnostics) {
        this(events, diagnostics, LazyEventCatalog.EMPTY);
    }
}
