package org.detectionatlas.sources.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectionatlas.model.EventKey;

/**
 * Maps the log sources of ATT&amp;CK analytics onto catalog events. Only Windows event logs
 * whose channel names event codes ({@code EventCode=4688}) map, because other channels describe
 * behaviour in words ("Unusual kinit or klist activity").
 */
final class AttackLogSources {

    /** ATT&amp;CK log source names and the event provider of their event codes. */
    static final Map<String, String> PROVIDERS = Map.of(
            "WinEventLog:Security", "Microsoft-Windows-Security-Auditing",
            "WinEventLog:Sysmon", "Microsoft-Windows-Sysmon",
            "WinEventLog:Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon",
            "WinEventLog:PowerShell", "Microsoft-Windows-PowerShell",
            "WinEventLog:Microsoft-Windows-PowerShell/Operational", "Microsoft-Windows-PowerShell",
            "WinEventLog:System", "Service Control Manager");

    // Bounded digit runs keep the match linear in the channel length.
    private static final Pattern EVENT_CODES = Pattern.compile("EventCode\\s*=\\s*(\\d{1,6}(?:\\s*,\\s*\\d{1,6}){0,20})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");

    private AttackLogSources() {}

    /**
     * Event codes of the classic "Windows PowerShell" log, whose provider is PowerShell; ATT&amp;CK
     * files them under WinEventLog:PowerShell with the Operational log's 4103 and 4104.
     */
    private static final java.util.Set<String> CLASSIC_POWERSHELL_CODES = java.util.Set.of("400", "403", "600", "800");

    /** Returns the catalog events a log source names, or an empty list. */
    static List<EventKey> events(String name, String channel) {
        String provider = PROVIDERS.get(name);
        if (provider == null || channel == null) {
            return List.of();
        }
        List<EventKey> events = new ArrayList<>();
        Matcher codes = EVENT_CODES.matcher(channel);
        while (codes.find()) {
            Matcher number = NUMBER.matcher(codes.group(1));
            while (number.find()) {
                String code = Long.toString(Long.parseLong(number.group()));
                // NOTE: System-log codes other than the service control manager's 70xx have other providers.
                if (provider.equals("Service Control Manager") && !code.startsWith("70")) {
                    continue;
                }
                boolean classic = name.equals("WinEventLog:PowerShell") && CLASSIC_POWERSHELL_CODES.contains(code);
                EventKey key = new EventKey(classic ? "PowerShell" : provider, code);
                if (!events.contains(key)) {
                    events.add(key);
                }
            }
        }
        return events;
    }
}
