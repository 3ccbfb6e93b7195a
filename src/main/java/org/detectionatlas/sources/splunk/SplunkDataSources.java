package org.detectionatlas.sources.splunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectionatlas.model.EventKey;

/**
 * The data sources of a Splunk corpus by name, and the Windows event each one names.
 *
 * <p>A data source names a Windows event when its {@code source} is a Windows event log channel
 * ({@code WinEventLog:<channel>} or {@code XmlWinEventLog:<channel>}) and its name ends with the
 * event id, as in "Sysmon EventID 1" or "Windows Event Log Security 4688". The provider is the
 * one that writes the event: the Security channel's events come from
 * Microsoft-Windows-Security-Auditing, and the System channel's service events 7036, 7040 and
 * 7045 from the Service Control Manager. Any other channel named {@code <provider>/<log>} is
 * written by {@code <provider>}, as for Microsoft-Windows-Sysmon/Operational.
 */
public final class SplunkDataSources {

    /**
     * One data source.
     *
     * @param name such as "Sysmon EventID 1"
     * @param source the Splunk source, such as {@code XmlWinEventLog:Microsoft-Windows-Sysmon/Operational}
     * @param sourcetype the Splunk sourcetype, may be empty
     * @param file path of its file relative to the corpus root
     */
    public record DataSource(String name, String source, String sourcetype, String file) {}

    private static final Pattern WINDOWS_CHANNEL = Pattern.compile("(?:Xml)?WinEventLog:(.+)");
    private static final Pattern TRAILING_ID = Pattern.compile(".* (\\d{1,5})");
    private static final Pattern TRAILING_IDS = Pattern.compile("(.+?) (\\d{1,5}(?:,\\d{1,5})*)");
    private static final String SERVICE_CONTROL_MANAGER = "Service Control Manager";

    /** Family names that detections write in a shorter form than the data source files. */
    private static final Map<String, String> FAMILY_ALIASES = Map.of("Windows Security", "Windows Event Log Security");

    private final Map<String, DataSource> byName;

    /** The first data source, by name, of each family such as "Windows Event Log Security". */
    private final Map<String, DataSource> byFamily;

    public SplunkDataSources(Map<String, DataSource> byName) {
        this.byName = Map.copyOf(byName);
        Map<String, DataSource> families = new TreeMap<>();
        new TreeMap<>(byName).forEach((name, dataSource) -> {
            Matcher id = TRAILING_IDS.matcher(name);
            if (id.matches()) {
                families.putIfAbsent(id.group(1), dataSource);
            }
        });
        this.byFamily = Map.copyOf(families);
    }

    public Optional<DataSource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Returns a defined data source of the same family as an undefined name that ends with event
     * ids, such as "Sysmon EventID 13" for "Sysmon EventID 14": its log is the same, only the
     * event differs.
     */
    public Optional<DataSource> sibling(String name) {
        Matcher id = TRAILING_IDS.matcher(name);
        if (!id.matches()) {
            return Optional.empty();
        }
        String family = FAMILY_ALIASES.getOrDefault(id.group(1), id.group(1));
        return Optional.ofNullable(byFamily.get(family));
    }

    /**
     * Returns the Windows events that {@code name} names in the log of {@code dataSource}: one per
     * id at the end of the name, as in "NTLM Operational 8004,8005,8006".
     */
    public List<EventKey> events(String name, DataSource dataSource) {
        Matcher ids = TRAILING_IDS.matcher(name);
        if (!ids.matches()) {
            return event(dataSource).map(List::of).orElse(List.of());
        }
        List<EventKey> events = new ArrayList<>();
        for (String id : ids.group(2).split(",")) {
            event(new DataSource(ids.group(1) + " " + id, dataSource.source(), dataSource.sourcetype(),
                    dataSource.file())).ifPresent(events::add);
        }
        return events;
    }

    public int size() {
        return byName.size();
    }

    /** Returns the Windows event the data source names, or empty for other logs. */
    public Optional<EventKey> event(DataSource dataSource) {
        Matcher channel = WINDOWS_CHANNEL.matcher(dataSource.source());
        Matcher id = TRAILING_ID.matcher(dataSource.name());
        if (!channel.matches() || !id.matches()) {
            return Optional.empty();
        }
        String provider = provider(channel.group(1), id.group(1));
        return provider == null ? Optional.empty() : Optional.of(new EventKey(provider, id.group(1)));
    }

    // NOTE: Application events and the account events filed under the System channel name no
    // provider in the data source, so they map to no event.
    private static String provider(String channel, String eventId) {
        if (channel.equals("Security")) {
            return "Microsoft-Windows-Security-Auditing";
        }
        if (channel.equals("System")) {
            boolean serviceEvent = eventId.equals("7036") || eventId.equals("7040") || eventId.equals("7045");
            return serviceEvent ? SERVICE_CONTROL_MANAGER : null;
        }
        int slash = channel.indexOf('/');
        return slash > 0 ? channel.substring(0, slash) : null;
    }
}
