package org.detectionatlas.sources.events;

import java.util.List;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;

/** The events read from the event dictionaries, with the problems met while reading them. */
public record EventCatalogData(List<CatalogEvent> events, List<Diagnostic> diagnostics) {
    public EventCatalogData {
        events = List.copyOf(events);
        diagnostics = List.copyOf(diagnostics);
    }
}
