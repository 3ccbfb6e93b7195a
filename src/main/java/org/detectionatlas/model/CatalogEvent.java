package org.detectionatlas.model;

import java.util.List;

/**
 * A log event of the event catalog.
 *
 * @param key provider and event id
 * @param shortProvider the provider's display name, such as Sysmon or Security-Auditing
 * @param platform windows, linux or macos
 * @param version the event version as the dictionary gives it, may be empty
 * @param title a human title such as "Process creation"
 * @param description what the event records, may be empty
 * @param fields the event's fields
 * @param source path of the dictionary file relative to the corpus root
 */
public record CatalogEvent(
        EventKey key,
        String shortProvider,
        String platform,
        String version,
        String title,
        String description,
        List<EventField> fields,
        String source) {

    public CatalogEvent {
        fields = List.copyOf(fields);
    }

    /** One field of an event: its name, type and meaning as the dictionary states them. */
    public record EventField(String name, String type, String description) {}
}
