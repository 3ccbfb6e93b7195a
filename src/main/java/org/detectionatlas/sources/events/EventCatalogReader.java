package org.detectionatlas.sources.events;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;

/**
 * Reads the OSSEM-DD event dictionaries under {@code <corpus>/events/ossem-dd}.
 *
 * <p>Each dictionary file describes one version of one event. The versions of an event become
 * one {@link CatalogEvent} that carries the newest version's fields and lists every version.
 * Files are parsed in parallel, and a file that cannot be read becomes a diagnostic.
 */
public final class EventCatalogReader {

    static final String ROOT = "events/ossem-dd";

    /**
     * Dictionary folders read whole at build time: every OSSEM-DD dictionary of Windows, Linux and
     * macOS except the ETW providers, which {@link #ETW_PROVIDERS} and {@link LazyEventCatalog}
     * cover.
     */
    static final List<String> DICTIONARY_FOLDERS = List.of("windows/sysmon", "windows/powershell",
            "windows/microsoftdefenderforendpoint", "windows/rpcfirewall", "windows/so-host-data", "windows/osquery",
            "linux/sysmon", "linux/osquery", "macos/osquery", "macos/carbonblack");

    /**
     * Log sources whose dictionaries reuse one event id (an osquery table name) on several
     * platforms. Their provider in the catalog gets the platform as a suffix, such as
     * osquery-linux, so the events of each platform stay apart.
     */
    static final Set<String> PLATFORM_QUALIFIED = Set.of("osquery");

    static final String ETW_FOLDER = "windows/etw-providers";

    /**
     * ETW providers read at build time from {@code windows/etw-providers}. All 764 providers hold
     * 33,300 files, so the others are only indexed at build time and parsed on first request
     * ({@link LazyEventCatalog}). Read at build time are the providers whose events rules use: the Security
     * log and PowerShell, the Windows channels that Sigma's {@code service:} values name, the
     * System-log providers that Sigma rules test through Provider_Name, NTLM for Splunk's
     * "NTLM Operational" data source, and Kernel-File for file telemetry.
     */
    static final List<String> ETW_PROVIDERS = List.of(
            // Security log, PowerShell operational log and Defender (Sigma security, ps_script,
            // ps_module and windefend; Splunk "Windows Event Log Security", "Powershell Script
            // Block Logging 4104" and "Windows Event Log Defender").
            "Microsoft-Windows-Security-Auditing",
            "Microsoft-Windows-PowerShell",
            // NOTE: OSSEM-DD at commit d0e449c has no folder for the Defender operational log, so
            // this entry only yields a missing-provider warning until a newer clone adds it.
            "Microsoft-Windows-Windows Defender",
            "Microsoft-Windows-Kernel-File",
            // Channels named by Sigma service: values.
            "Microsoft-Windows-CodeIntegrity",
            "Microsoft-Windows-AppXDeployment-Server",
            "Microsoft-Windows-AppxPackagingOM",
            "Microsoft-Windows-Bits-Client",
            "Microsoft-Windows-DNS-Client",
            "Microsoft-Windows-TaskScheduler",
            "Microsoft-Windows-NTLM",
            "Microsoft-Windows-WMI-Activity",
            "Microsoft-Windows-Security-Mitigations",
            "Microsoft-Windows-AppLocker",
            "Microsoft-Windows-TerminalServices-LocalSessionManager",
            "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
            "Microsoft-Windows-SMBClient",
            "Microsoft-Windows-SMBServer",
            "Microsoft-Windows-PrintService",
            "Microsoft-Windows-LDAP-Client",
            "Microsoft-Windows-DriverFrameworks-UserMode",
            "Microsoft-Windows-CAPI2",
            "Microsoft-Windows-CertificateServicesClient-Lifecycle-System",
            "LsaSrv",
            // System-log providers that Sigma rules select with Provider_Name.
            "Microsoft-Windows-Eventlog",
            "Microsoft-Windows-Kernel-General",
            "Microsoft-Windows-DistributedCOM",
            "Microsoft-Windows-Directory-Services-SAM",
            "Microsoft-Windows-User-Profiles-Service",
            "Microsoft-Windows-Kernel-Audit-API-Calls",
            "Microsoft-Windows-Ntfs",
            "Microsoft-Windows-Backup");

    /** Display names that differ from the log_source without its Microsoft-Windows- prefix. */
    private static final Map<String, String> SHORT_PROVIDERS = Map.of(
            "Microsoft-Windows-Sysmon", "Sysmon",
            "sysmon", "Sysmon for Linux",
            "Microsoft-Windows-PowerShell", "PowerShell",
            "PowerShell", "PowerShell (classic)");
    private static final String WINDOWS_PREFIX = "Microsoft-Windows-";

    public EventCatalogData read(Path corpusRoot) {
        Path root = corpusRoot.resolve(ROOT);
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            diagnostics.add(Diagnostic.invalid(ROOT, -1, "missing-folder",
                    "The event dictionary folder is missing: expected a clone of OSSEM-DD under " + ROOT + "/."));
            return new EventCatalogData(List.of(), diagnostics);
        }

        List<String> folders = new ArrayList<>(DICTIONARY_FOLDERS);
        for (String provider : ETW_PROVIDERS) {
            folders.add("windows/etw-providers/" + provider);
        }
        List<Path> files = new ArrayList<>();
        for (String folder : folders) {
            files.addAll(listDictionaryFiles(root, folder, diagnostics));
        }

        List<EventFileParser.Result> results = files.parallelStream()
                .map(file -> EventFileParser.parse(file, relative(corpusRoot, file)))
                .toList();
        List<EventFile> parsed = new ArrayList<>();
        for (EventFileParser.Result result : results) {
            diagnostics.addAll(result.diagnostics());
            if (result.event() != null) {
                parsed.add(result.event());
            }
        }
        List<CatalogEvent> events = merge(parsed);
        Set<EventKey> eager = new HashSet<>();
        events.forEach(event -> eager.add(event.key()));
        return new EventCatalogData(events, diagnostics, indexOtherProviders(corpusRoot, root, eager, diagnostics));
    }

    /** Indexes the event files of the ETW providers not read at build time, by provider and event id. */
    private static LazyEventCatalog indexOtherProviders(Path corpusRoot, Path root, Set<EventKey> eager,
            List<Diagnostic> diagnostics) {
        Path etw = root.resolve(ETW_FOLDER);
        if (!Files.isDirectory(etw)) {
            // The missing-provider warnings of ETW_PROVIDERS already report an absent folder.
            return LazyEventCatalog.EMPTY;
        }
        List<Path> providers;
        try (Stream<Path> listing = Files.list(etw)) {
            Set<String> eagerFolders = new HashSet<>(ETW_PROVIDERS);
            providers = listing.filter(Files::isDirectory)
                    .filter(path -> !eagerFolders.contains(path.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            diagnostics.add(Diagnostic.warning(ROOT + "/" + ETW_FOLDER, -1, "unreadable-folder",
                    "The ETW provider folder could not be listed, so the catalog lacks the other ETW providers: "
                            + e.getMessage() + "."));
            return LazyEventCatalog.EMPTY;
        }
        List<Map<EventKey, List<Path>>> perProvider = providers.parallelStream()
                .map(folder -> indexProvider(folder, eager))
                .toList();
        Map<EventKey, List<Path>> files = new TreeMap<>();
        perProvider.forEach(files::putAll);
        return new LazyEventCatalog(corpusRoot, files);
    }

    private static Map<EventKey, List<Path>> indexProvider(Path folder, Set<EventKey> eager) {
        Path events = folder.resolve("events");
        Map<String, List<Path>> byId = new TreeMap<>();
        try (Stream<Path> listing = Files.list(events)) {
            listing.sorted().forEach(file -> {
                String id = LazyEventCatalog.eventIdOf(file.getFileName().toString());
                if (id != null) {
                    byId.computeIfAbsent(id, key -> new ArrayList<>()).add(file);
                }
            });
            if (byId.isEmpty()) {
                return Map.of();
            }
            String provider = LazyEventCatalog.logSourceOf(byId.values().iterator().next().get(0));
            if (provider == null) {
                return Map.of();
            }
            Map<EventKey, List<Path>> out = new TreeMap<>();
            byId.forEach((id, paths) -> {
                EventKey key = new EventKey(provider, id);
                if (!eager.contains(key)) {
                    out.put(key, List.copyOf(paths));
                }
            });
            return out;
        } catch (IOException e) {
            // NOTE: an unreadable provider folder is left out of the index without a diagnostic.
            return Map.of();
        }
    }

    private static List<Path> listDictionaryFiles(Path root, String folder, List<Diagnostic> diagnostics) {
        Path events = root.resolve(folder).resolve("events");
        String folderPath = ROOT + "/" + folder;
        if (!Files.isDirectory(events)) {
            diagnostics.add(Diagnostic.warning(folderPath, -1, "missing-provider",
                    "The event dictionary has no " + folder + "/events folder, so the catalog lacks"
                            + " the events of " + folder.substring(folder.lastIndexOf('/') + 1) + "."));
            return List.of();
        }
        try (Stream<Path> listing = Files.list(events)) {
            return listing.filter(path -> {
                String name = path.getFileName().toString();
                return name.endsWith(".yml") || name.endsWith(".yaml");
            }).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            diagnostics.add(Diagnostic.invalid(folderPath, -1, "unreadable-folder",
                    "The folder could not be listed: " + e.getMessage() + "."));
            return List.of();
        }
    }

    /** Joins the versions of each event into one catalog event, sorted by key. */
    static List<CatalogEvent> merge(List<EventFile> files) {
        Map<EventKey, List<EventFile>> byKey = files.stream().collect(Collectors.groupingBy(
                EventCatalogReader::keyOf, LinkedHashMap::new, Collectors.toList()));
        List<CatalogEvent> events = new ArrayList<>();
        for (Map.Entry<EventKey, List<EventFile>> entry : byKey.entrySet()) {
            events.add(toEvent(entry.getKey(), entry.getValue()));
        }
        events.sort(Comparator.comparing(CatalogEvent::key));
        return events;
    }

    private static EventKey keyOf(EventFile file) {
        String provider = file.logSource();
        if (PLATFORM_QUALIFIED.contains(provider) && !file.platform().isEmpty()) {
            provider = provider + "-" + file.platform();
        }
        return new EventKey(provider, file.eventId());
    }

    private static CatalogEvent toEvent(EventKey key, List<EventFile> versions) {
        List<EventFile> newestFirst = new ArrayList<>(versions);
        newestFirst.sort(Comparator.comparing(EventFile::version, EventCatalogReader::compareVersions)
                .thenComparing(EventFile::source)
                .reversed());
        EventFile newest = newestFirst.get(0);

        Set<String> listed = new LinkedHashSet<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            if (!newestFirst.get(i).version().isEmpty()) {
                listed.add(newestFirst.get(i).version());
            }
        }
        String description = newestFirst.stream()
                .map(EventFile::description)
                .filter(text -> !text.isEmpty())
                .findFirst()
                .orElse("");
        String platform = newest.platform().isEmpty()
                ? newest.source().substring(ROOT.length() + 1).split("/", 2)[0]
                : newest.platform();
        return new CatalogEvent(key, shortProvider(key.provider()), platform, String.join(", ", listed),
                EventTitles.choose(key.eventId(), newestFirst), description, newest.fields(), newest.source());
    }

    /** Compares versions as numbers (4.81 before 5) where both are numbers, else as text. */
    static int compareVersions(String left, String right) {
        BigDecimal leftNumber = number(left);
        BigDecimal rightNumber = number(right);
        if (leftNumber != null && rightNumber != null) {
            return leftNumber.compareTo(rightNumber);
        }
        if (leftNumber != null || rightNumber != null) {
            // A version that is a number ranks above one that is not, such as an empty version.
            return leftNumber != null ? 1 : -1;
        }
        return left.compareTo(right);
    }

    private static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > 20) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String shortProvider(String logSource) {
        String known = SHORT_PROVIDERS.get(logSource);
        if (known != null) {
            return known;
        }
        return logSource.startsWith(WINDOWS_PREFIX) ? logSource.substring(WINDOWS_PREFIX.length()) : logSource;
    }

    private static String relative(Path corpusRoot, Path file) {
        return corpusRoot.relativize(file).toString().replace('\\', '/');
    }
}
