package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.detectionatlas.model.EventKey;

/**
 * Sigma log sources and the catalog events they read, loaded from
 * {@code sigma-logsources.tsv}, whose header comment documents the format.
 */
public final class SigmaLogsources {

    static final String RESOURCE = "sigma-logsources.tsv";
    static final List<String> HEADER = List.of("product", "category", "service", "provider", "event_ids");
    private static final String[] KEYS = {"product", "category", "service"};

    /**
     * One row.
     *
     * @param provider the provider, or null when the log source is a shared channel
     * @param eventIds the event ids, or null when the rule's EventID tests pick them
     */
    public record Source(List<String> match, String provider, List<String> eventIds) {
        public Source {
            match = List.copyOf(match);
            eventIds = eventIds == null ? null : List.copyOf(eventIds);
        }

        /** Returns the events this row names directly; empty when the rule's EventID tests pick them. */
        public List<EventKey> fixedEvents() {
            if (eventIds == null || provider == null) {
                return List.of();
            }
            return eventIds.stream().map(id -> new EventKey(provider, id)).toList();
        }
    }

    private final List<Source> sources;

    private SigmaLogsources(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    public static SigmaLogsources loadDefault() {
        return from(TsvFile.readResource(RESOURCE, HEADER, 5));
    }

    /**
     * Builds the table from a parsed file.
     *
     * @throws DataFileException listing every invalid row with its line number
     */
    public static SigmaLogsources from(TsvFile file) {
        List<Source> sources = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (TsvFile.Row row : file.rows()) {
            String where = file.name() + " line " + row.line() + ": ";
            List<String> match = row.cells().subList(0, 3);
            if (match.stream().allMatch(String::isEmpty)) {
                errors.add(where + "product, category and service are all empty, expected at least one");
                continue;
            }
            String provider = row.cell(3);
            if (provider.isEmpty()) {
                errors.add(where + "provider is empty, expected a provider name or -");
                continue;
            }
            String ids = row.cell(4);
            List<String> eventIds = null;
            if (!ids.equals("*")) {
                eventIds = EventIds.parseList(ids);
                if (eventIds == null) {
                    errors.add(where + "event_ids \"" + ids + "\" is invalid, expected * or numbers separated by commas");
                    continue;
                }
            }
            sources.add(new Source(match, provider.equals("-") ? null : provider, eventIds));
        }
        if (!errors.isEmpty()) {
            throw new DataFileException(file.name(), errors);
        }
        return new SigmaLogsources(sources);
    }

    /** Returns every event a row names directly, for checks against the event catalog. */
    public Set<EventKey> namedEvents() {
        Set<EventKey> events = new TreeSet<>();
        sources.forEach(source -> events.addAll(source.fixedEvents()));
        return events;
    }

    /**
     * Returns the rows that apply to a rule's logsource: rows whose filled cells all match,
     * keeping only those that fill the most cells. Values compare ignoring case.
     */
    public List<Source> match(Map<String, List<String>> logsource) {
        List<Source> best = new ArrayList<>();
        int bestFilled = 0;
        for (Source source : sources) {
            int filled = 0;
            boolean matches = true;
            for (int i = 0; i < KEYS.length && matches; i++) {
                String expected = source.match().get(i);
                if (expected.isEmpty()) {
                    continue;
                }
                filled++;
                matches = logsource.getOrDefault(KEYS[i], List.of()).stream().anyMatch(expected::equalsIgnoreCase);
            }
            if (!matches) {
                continue;
            }
            if (filled > bestFilled) {
                best.clear();
                bestFilled = filled;
            }
            if (filled == bestFilled) {
                best.add(source);
            }
        }
        return best;
    }
}
