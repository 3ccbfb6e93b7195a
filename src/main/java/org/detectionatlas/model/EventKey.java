package org.detectionatlas.model;

/**
 * Identifies a catalog event: the provider's full name, such as {@code Microsoft-Windows-Sysmon},
 * and the event id as text, such as {@code 1} or {@code 4688}.
 */
public record EventKey(String provider, String eventId) implements Comparable<EventKey> {

    @Override
    public int compareTo(EventKey other) {
        int byProvider = provider.compareTo(other.provider);
        if (byProvider != 0) {
            return byProvider;
        }
        // Numeric ids sort as numbers and before text ids such as osquery table names, which sort
        // as text, so the order stays consistent with equals.
        int byNumber = Long.compare(numeric(eventId), numeric(other.eventId));
        return byNumber != 0 ? byNumber : eventId.compareTo(other.eventId);
    }

    private static long numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return provider + "/" + eventId;
    }
}
