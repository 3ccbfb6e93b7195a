package org.detectionatlas.sources.events;

import java.util.List;
import org.detectionatlas.model.CatalogEvent.EventField;

/**
 * One OSSEM-DD dictionary file: one version of one event.
 *
 * @param source path relative to the corpus root
 * @param name the dictionary's name line, such as "Event ID 1: Process creation" or "Event 4688 - task_0"
 * @param sampleMessage the first line of the message in the friendly-view sample, or ""
 * @param sampleTaskCategory the task category the friendly-view sample shows, or ""
 */
record EventFile(
        String source,
        String logSource,
        String eventId,
        String version,
        String platform,
        String name,
        String description,
        List<EventField> fields,
        String sampleMessage,
        String sampleTaskCategory) {

    EventFile {
        fields = List.copyOf(fields);
    }
}
