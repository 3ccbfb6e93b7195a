package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * Finds the catalog events a normalized rule reads, from its log source declaration and the
 * event tests of its predicate tree (event.code, event.category, channels, data sets, data
 * models).
 */
public final class EventMapper {

    static final String EVENT_CODE = "event.code";
    static final String CHANNEL = "winlog.channel";
    static final String PROVIDER_NAME = "winlog.provider_name";
    static final String CATEGORY = "event.category";
    static final String EVENT_TYPE = "event.type";
    static final String DATASET = "data_stream.dataset";
    static final String OS_TYPE = "host.os.type";
    static final String OS_TAG = "OS: ";

    private final SigmaLogsources sigmaLogsources;
    private final EventSources eventSources;

    public EventMapper(SigmaLogsources sigmaLogsources, EventSources eventSources) {
        this.sigmaLogsources = sigmaLogsources;
        this.eventSources = eventSources;
    }

    public static EventMapper loadDefault() {
        return new EventMapper(SigmaLogsources.loadDefault(), EventSources.loadDefault());
    }

    /**
     * Returns the events a rule reads, sorted and de-duplicated.
     *
     * @param rule the rule, with a canonical tree
     * @param positive the rule's predicates that are not below a Not
     * @param all every predicate of the rule
     * @param diagnostics receives a warning when a Windows Sigma rule maps to no event
     */
    public List<EventKey> events(Rule rule, List<Predicate> positive, List<Predicate> all,
            List<Diagnostic> diagnostics) {
        Set<EventKey> events = new TreeSet<>();
        switch (rule.vendor()) {
            case SIGMA:
                sigma(rule, positive, events, diagnostics);
                break;
            case ELASTIC:
                elastic(rule, positive, all, events);
                break;
            case SPLUNK:
                splunk(rule, positive, all, events);
                break;
            default:
                throw new IllegalStateException("Unknown vendor " + rule.vendor());
        }
        return List.copyOf(events);
    }

    private void sigma(Rule rule, List<Predicate> positive, Set<EventKey> events, List<Diagnostic> diagnostics) {
        List<SigmaLogsources.Source> sources = sigmaLogsources.match(rule.logsource());
        List<String> codes = equalValues(positive, EVENT_CODE);
        List<String> providerNames = equalValues(positive, PROVIDER_NAME);
        String namedProvider = providerNames.size() == 1 ? providerNames.get(0) : null;
        String emptyReason;
        if (sources.isEmpty()) {
            addCodes(codes, namedProvider, events);
            emptyReason = "sigma-logsources.tsv has no row for logsource " + describe(rule.logsource());
        } else {
            for (SigmaLogsources.Source source : sources) {
                if (source.eventIds() != null) {
                    events.addAll(source.fixedEvents());
                } else {
                    addCodes(codes, source.provider() != null ? source.provider() : namedProvider, events);
                }
            }
            emptyReason = "logsource " + describe(rule.logsource()) + " names a channel, and the detection tests no"
                    + " EventID with a known provider";
        }
        boolean windows = rule.logsource().getOrDefault("product", List.of()).stream()
                .anyMatch("windows"::equalsIgnoreCase);
        if (events.isEmpty() && windows) {
            diagnostics.add(Diagnostic.warning(rule.file(), -1, "no-catalog-event",
                    "No catalog event is known for this rule: " + emptyReason + "."));
        }
    }

    private void elastic(Rule rule, List<Predicate> positive, List<Predicate> all, Set<EventKey> events) {
        Set<String> channelProviders = channelProviders(equalValues(positive, CHANNEL));
        Set<String> allowed = new LinkedHashSet<>(channelProviders);
        List<EventKey> datasetEvents = new ArrayList<>();
        List<String> datasetNames = new ArrayList<>(equalValues(positive, DATASET));
        for (String index : rule.logsource().getOrDefault("index", List.of())) {
            datasetNames.add(datasetOfIndex(index));
        }
        for (String name : datasetNames) {
            eventSources.dataset(name).ifPresent(dataset -> {
                allowed.add(dataset.provider());
                datasetEvents.addAll(dataset.events());
            });
        }
        for (String tag : rule.tags()) {
            allowed.addAll(eventSources.providersOfTag(tag));
        }

        List<String> codes = equalValues(positive, EVENT_CODE);
        if (!codes.isEmpty()) {
            String provider = channelProviders.size() == 1 ? channelProviders.iterator().next()
                    : allowed.size() == 1 ? allowed.iterator().next() : null;
            addCodes(codes, provider, events);
            return;
        }

        Set<String> fields = fieldsOf(all);
        Set<String> types = new LinkedHashSet<>(equalValues(positive, EVENT_TYPE));
        List<EventKey> found = new ArrayList<>();
        Set<String> platforms = platforms(rule, positive);
        for (String category : equalValues(positive, CATEGORY)) {
            found.addAll(eventSources.category(category, types, fields, platforms));
        }
        if (found.isEmpty()) {
            fields.forEach(field -> found.addAll(eventSources.field(Vendor.ELASTIC, field)));
        }
        if (found.isEmpty()) {
            found.addAll(datasetEvents);
        }

        List<EventKey> narrowed = found.stream().filter(event -> allowed.contains(event.provider())).toList();
        if (!allowed.isEmpty() && !narrowed.isEmpty()) {
            events.addAll(narrowed);
        } else if (!datasetEvents.isEmpty()) {
            // The index names the log the rule reads, which outweighs the category: Elastic files
            // PowerShell script blocks (4104) under event.category "process" too.
            events.addAll(datasetEvents);
        } else {
            // An index list that names none of the found providers does not restrict them.
            events.addAll(found);
        }
    }

    /**
     * Returns the platforms an Elastic rule runs on, in lower case (windows, linux, macos). They
     * come from its "OS: ..." tags, else from the host.os.type values it requires, and are empty
     * when it names none.
     */
    static Set<String> platforms(Rule rule, List<Predicate> positive) {
        Set<String> platforms = new TreeSet<>();
        for (String tag : rule.tags()) {
            if (tag.startsWith(OS_TAG)) {
                platforms.add(tag.substring(OS_TAG.length()).strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (platforms.isEmpty()) {
            for (String os : equalValues(positive, OS_TYPE)) {
                platforms.add(os.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return platforms;
    }

    private void splunk(Rule rule, List<Predicate> positive, List<Predicate> all, Set<EventKey> events) {
        events.addAll(rule.events());
        List<String> sources = new ArrayList<>(equalOrWildcardValues(positive, "source"));
        sources.addAll(equalOrWildcardValues(positive, "sourcetype"));

        List<String> channels = new ArrayList<>(equalValues(positive, CHANNEL));
        for (String source : sources) {
            String text = source.replace("*", "");
            int colon = text.indexOf(':');
            channels.add(colon < 0 ? text : text.substring(colon + 1));
        }
        Set<String> channelProviders = channelProviders(channels);
        addCodes(equalValues(positive, EVENT_CODE),
                channelProviders.size() == 1 ? channelProviders.iterator().next() : null, events);

        Set<String> dataModels = new LinkedHashSet<>();
        String declared = rule.properties().get("datamodel");
        if (declared != null && !declared.isBlank()) {
            for (String model : declared.split(",")) {
                dataModels.add(model.strip());
            }
        } else {
            for (Predicate predicate : all) {
                String[] split = predicate.vendorField() == null ? null
                        : SplunkDatasets.splitPrefix(predicate.vendorField());
                if (split != null) {
                    dataModels.addAll(eventSources.dataModelsOfDataset(split[0]));
                }
            }
        }

        dataModels.forEach(model -> events.addAll(eventSources.dataModel(model)));
        if (events.isEmpty()) {
            fieldsOf(all).forEach(field -> events.addAll(eventSources.field(Vendor.SPLUNK, field)));
        }
    }

    /** Adds each code with the given provider, or the code's default provider when null. */
    private void addCodes(List<String> codes, String provider, Set<EventKey> events) {
        for (String code : codes) {
            if (!EventIds.isNumber(code)) {
                continue;
            }
            String normalized = Long.toString(Long.parseLong(code));
            Optional<String> owner = provider != null ? Optional.of(provider) : eventSources.providerOfCode(normalized);
            owner.ifPresent(name -> events.add(new EventKey(name, normalized)));
        }
    }

    private Set<String> channelProviders(List<String> channels) {
        Set<String> providers = new LinkedHashSet<>();
        for (String channel : channels) {
            eventSources.providerOfChannel(channel).ifPresent(providers::add);
        }
        return providers;
    }

    /** Turns an index pattern such as {@code logs-windows.sysmon_operational-*} into its data set name. */
    static String datasetOfIndex(String index) {
        String name = index.strip();
        if (name.startsWith("logs-")) {
            name = name.substring(5);
        }
        while (name.endsWith("*") || name.endsWith("-")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static List<String> equalValues(List<Predicate> predicates, String field) {
        List<String> values = new ArrayList<>();
        for (Predicate predicate : predicates) {
            if (predicate.operator() == Operator.EQ && field.equals(predicate.field())) {
                values.add(predicate.value());
            }
        }
        return values;
    }

    private static List<String> equalOrWildcardValues(List<Predicate> predicates, String field) {
        List<String> values = new ArrayList<>();
        for (Predicate predicate : predicates) {
            boolean test = predicate.operator() == Operator.EQ || predicate.operator() == Operator.WILDCARD;
            if (test && field.equals(predicate.field())) {
                values.add(predicate.value());
            }
        }
        return values;
    }

    private static Set<String> fieldsOf(List<Predicate> predicates) {
        Set<String> fields = new LinkedHashSet<>();
        for (Predicate predicate : predicates) {
            if (predicate.field() != null) {
                fields.add(predicate.field());
            }
        }
        return fields;
    }

    private static String describe(Map<String, List<String>> logsource) {
        StringBuilder text = new StringBuilder();
        for (String key : List.of("product", "category", "service")) {
            for (String value : logsource.getOrDefault(key, List.of())) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(key).append('=').append(value);
            }
        }
        return text.length() == 0 ? "(none)" : text.toString();
    }
}
