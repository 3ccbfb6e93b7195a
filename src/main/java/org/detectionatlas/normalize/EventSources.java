package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Vendor;

/**
 * The table of event sources that Elastic and Splunk queries name: default providers of event
 * codes, channels, Elastic categories and data sets, fields and Splunk data models. Loaded
 * from {@code event-sources.tsv}, whose header comment documents the format.
 */
public final class EventSources {

    static final String RESOURCE = "event-sources.tsv";
    static final List<String> HEADER = List.of("vendor", "kind", "key", "condition", "provider", "event_ids");

    private record CodeRange(long first, long last, String provider) {}

    private record Mapped(Set<String> vendors, String condition, String provider, List<String> eventIds) {
        List<EventKey> events() {
            return eventIds.stream().map(id -> new EventKey(provider, id)).toList();
        }
    }

    /** A data set: the provider it narrows to and the events it names on its own (may be empty). */
    public record Dataset(String provider, List<EventKey> events) {}

    private final List<CodeRange> codes = new ArrayList<>();
    private final Map<String, String> channels = new HashMap<>();
    private final Map<String, List<Mapped>> categories = new HashMap<>();
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final Map<String, List<Mapped>> fields = new HashMap<>();
    private final Map<String, List<Mapped>> dataModels = new HashMap<>();
    private final Map<String, List<String>> tags = new HashMap<>();

    private EventSources() {}

    public static EventSources loadDefault() {
        return from(TsvFile.readResource(RESOURCE, HEADER, 5));
    }

    /**
     * Builds the table from a parsed file.
     *
     * @throws DataFileException listing every invalid row with its line number
     */
    public static EventSources from(TsvFile file) {
        EventSources table = new EventSources();
        List<String> errors = new ArrayList<>();
        for (TsvFile.Row row : file.rows()) {
            String error = table.add(row);
            if (error != null) {
                errors.add(file.name() + " line " + row.line() + ": " + error);
            }
        }
        if (!errors.isEmpty()) {
            throw new DataFileException(file.name(), errors);
        }
        return table;
    }

    /** Adds one row; returns the error sentence, or null when the row is valid. */
    private String add(TsvFile.Row row) {
        String vendor = row.cell(0);
        String kind = row.cell(1);
        String key = row.cell(2);
        String condition = row.cell(3);
        String provider = row.cell(4);
        String ids = row.cell(5);

        Set<String> vendors;
        if (vendor.equals("any")) {
            vendors = Set.of(Vendor.ELASTIC.id(), Vendor.SPLUNK.id(), Vendor.SIGMA.id());
        } else if (vendor.equals(Vendor.ELASTIC.id()) || vendor.equals(Vendor.SPLUNK.id())) {
            vendors = Set.of(vendor);
        } else {
            return "vendor \"" + vendor + "\" is unknown, expected elastic, splunk or any";
        }

        if (key.isEmpty()) {
            return "key is empty";
        }
        if (provider.isEmpty()) {
            return "provider is empty";
        }
        if (!condition.isEmpty()) {
            for (String clause : condition.split("&", -1)) {
                if (!clause.matches("(type|field|os)=[^=&]+")) {
                    return "condition \"" + condition + "\" is invalid, expected empty, or clauses type=<value>,"
                            + " field=<field> or os=<platform> joined by &";
                }
            }
        }
        List<String> eventIds = ids.isEmpty() ? List.of() : EventIds.parseList(ids);
        if (eventIds == null) {
            return "event_ids \"" + ids + "\" is invalid, expected numbers separated by commas";
        }

        switch (kind) {
            case "event-code":
                return addCodeRange(key, provider);
            case "channel":
                channels.put(key.toLowerCase(Locale.ROOT), provider);
                return null;
            case "dataset":
                datasets.put(key, new Dataset(provider, new Mapped(vendors, "", provider, eventIds).events()));
                return null;
            case "tag":
                tags.computeIfAbsent(key, k -> new ArrayList<>()).add(provider);
                return null;
            case "category":
            case "field":
            case "datamodel":
                if (eventIds.isEmpty()) {
                    return "event_ids is empty, expected the events a " + kind + " row names";
                }
                Map<String, List<Mapped>> target = kind.equals("category") ? categories
                        : kind.equals("field") ? fields : dataModels;
                target.computeIfAbsent(key, k -> new ArrayList<>()).add(new Mapped(vendors, condition, provider, eventIds));
                return null;
            default:
                return "kind \"" + kind + "\" is unknown, expected event-code, channel, category, dataset, tag, field"
                        + " or datamodel";
        }
    }

    private String addCodeRange(String key, String provider) {
        int dash = key.indexOf('-');
        String first = dash < 0 ? key : key.substring(0, dash);
        String last = dash < 0 ? key : key.substring(dash + 1);
        if (!EventIds.isNumber(first) || !EventIds.isNumber(last) || Long.parseLong(first) > Long.parseLong(last)) {
            return "event-code key \"" + key + "\" is invalid, expected a number or a range such as 4608-4999";
        }
        codes.add(new CodeRange(Long.parseLong(first), Long.parseLong(last), provider));
        return null;
    }

    /** Returns every event a category, data set, field or data-model row names, for checks against the catalog. */
    public Set<EventKey> namedEvents() {
        Set<EventKey> events = new TreeSet<>();
        for (Map<String, List<Mapped>> table : List.of(categories, fields, dataModels)) {
            table.values().forEach(rows -> rows.forEach(row -> events.addAll(row.events())));
        }
        datasets.values().forEach(dataset -> events.addAll(dataset.events()));
        return events;
    }

    /** Returns the provider a bare event code belongs to, by the first range that contains it. */
    public Optional<String> providerOfCode(String code) {
        if (!EventIds.isNumber(code)) {
            return Optional.empty();
        }
        long number = Long.parseLong(code);
        return codes.stream().filter(range -> range.first() <= number && number <= range.last())
                .map(CodeRange::provider).findFirst();
    }

    /** Returns the provider writing to a Windows event log channel, ignoring case. */
    public Optional<String> providerOfChannel(String channel) {
        return Optional.ofNullable(channels.get(channel.toLowerCase(Locale.ROOT)));
    }

    /** Returns the providers a rule tag such as "Data Source: Sysmon" names, empty when none. */
    public List<String> providersOfTag(String tag) {
        return tags.getOrDefault(tag, List.of());
    }

    public Optional<Dataset> dataset(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /**
     * Returns the events of an Elastic event category: the rows whose condition holds for
     * the given event types and fields, or the unconditional rows when none holds.
     */
    public List<EventKey> category(String category, Set<String> eventTypes, Set<String> fieldsPresent) {
        return category(category, eventTypes, fieldsPresent, Set.of());
    }

    /**
     * Returns the events of an Elastic event category on the given platforms (windows, linux,
     * macos; empty when the rule names none). Rows with an {@code os=} clause serve only rules on
     * that platform; rows without one are Windows events, which serve Windows rules and rules that
     * name no platform. Among the rows that serve, those whose other clauses hold replace the
     * rows without other clauses.
     */
    public List<EventKey> category(String category, Set<String> eventTypes, Set<String> fieldsPresent,
            Set<String> platforms) {
        return conditional(categories.get(category), Vendor.ELASTIC, eventTypes, fieldsPresent, platforms);
    }

    /** Returns the events that a field's presence names for a vendor. */
    public List<EventKey> field(Vendor vendor, String field) {
        return conditional(fields.get(field), vendor, Set.of(), Set.of(), Set.of());
    }

    /** Returns the events of a Splunk data model such as {@code Endpoint.Processes}. */
    public List<EventKey> dataModel(String dataModel) {
        return conditional(dataModels.get(dataModel), Vendor.SPLUNK, Set.of(), Set.of(), Set.of());
    }

    /** Returns the data models whose dataset is {@code dataset}, such as Endpoint.Processes for Processes. */
    public List<String> dataModelsOfDataset(String dataset) {
        return dataModels.keySet().stream().filter(model -> SplunkDatasets.datasetOf(model).equals(dataset))
                .sorted().toList();
    }

    private static List<EventKey> conditional(List<Mapped> rows, Vendor vendor, Set<String> eventTypes,
            Set<String> fieldsPresent, Set<String> platforms) {
        if (rows == null) {
            return List.of();
        }
        boolean windows = platforms.isEmpty() || platforms.contains("windows");
        Set<EventKey> met = new LinkedHashSet<>();
        Set<EventKey> unconditional = new LinkedHashSet<>();
        for (Mapped row : rows) {
            if (!row.vendors().contains(vendor.id())) {
                continue;
            }
            String os = null;
            boolean hasOther = false;
            boolean holds = true;
            for (String clause : row.condition().isEmpty() ? new String[0] : row.condition().split("&")) {
                if (clause.startsWith("os=")) {
                    os = clause.substring(3);
                } else {
                    hasOther = true;
                    holds &= clause.startsWith("type=") && eventTypes.contains(clause.substring(5))
                            || clause.startsWith("field=") && fieldsPresent.contains(clause.substring(6));
                }
            }
            if (os == null ? !windows : !platforms.contains(os)) {
                continue;
            }
            if (!hasOther) {
                unconditional.addAll(row.events());
            } else if (holds) {
                met.addAll(row.events());
            }
        }
        return List.copyOf(met.isEmpty() ? unconditional : met);
    }
}
