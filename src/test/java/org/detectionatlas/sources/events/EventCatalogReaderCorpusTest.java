package org.detectionatlas.sources.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.CatalogEvent.EventField;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real OSSEM-DD dictionaries of the corpus. */
class EventCatalogReaderCorpusTest {

    private static EventCatalogData data;
    private static Map<EventKey, CatalogEvent> byKey;

    @BeforeAll
    static void read() {
        data = new EventCatalogReader().read(TestCorpus.root());
        byKey = data.events().stream().collect(Collectors.toMap(CatalogEvent::key, Function.identity()));
    }

    private static CatalogEvent event(String provider, String eventId) {
        return byKey.get(new EventKey(provider, eventId));
    }

    @Test
    void osqueryTablesStayApartPerPlatform() {
        assertThat(event("osquery-linux", "routes").platform()).isEqualTo("linux");
        assertThat(event("osquery-macos", "routes").platform()).isEqualTo("macos");
        assertThat(event("osquery-windows", "routes").version()).isEqualTo("5.0.1");
        assertThat(event("osquery", "routes")).isNull();
    }

    @Test
    void otherEtwProvidersLoadOnRequest() {
        CatalogEvent event = data.lazy().event(new EventKey("Microsoft-Windows-Kernel-Process", "1")).orElseThrow();

        assertThat(event.title()).isEqualTo("ProcessStart");
        assertThat(event.source()).startsWith("events/ossem-dd/windows/etw-providers/Microsoft-Windows-Kernel-Process/");
    }

    @Test
    void lazyProviderNameComesFromLogSource() {
        assertThat(data.lazy().keys()).contains(new EventKey("Application Popup", "26"));
        assertThat(data.lazy().keys()).noneMatch(key -> key.provider().equals("Application-Popup"));
    }

    @Test
    void noTitleIsATaskSymbol() {
        assertThat(data.events()).noneMatch(event -> event.title().matches("(?i)task_\\d+.*"));
    }

    @Test
    void corpusEventCount() {
        assertThat(data.events()).hasSize(4313);
        assertThat(data.lazy().keys()).hasSize(27974);
        assertThat(data.events().stream().filter(event -> event.shortProvider().equals("Sysmon")).count())
                .isEqualTo(25);
        assertThat(data.events().stream().filter(event -> event.shortProvider().equals("Security-Auditing")).count())
                .isEqualTo(392);
    }

    @Test
    void corpusOnlyDefenderIsMissing() {
        assertThat(data.diagnostics()).containsExactly(Diagnostic.warning(
                "events/ossem-dd/windows/etw-providers/Microsoft-Windows-Windows Defender", -1, "missing-provider",
                "The event dictionary has no windows/etw-providers/Microsoft-Windows-Windows Defender/events folder,"
                        + " so the catalog lacks the events of Microsoft-Windows-Windows Defender."));
    }

    @Test
    void corpusSysmonProcessCreation() {
        CatalogEvent processCreation = event("Microsoft-Windows-Sysmon", "1");

        assertThat(processCreation.title()).isEqualTo("Process creation");
        assertThat(processCreation.shortProvider()).isEqualTo("Sysmon");
        assertThat(processCreation.platform()).isEqualTo("windows");
        assertThat(processCreation.version()).isEqualTo("5");
        assertThat(processCreation.source()).isEqualTo("events/ossem-dd/windows/sysmon/events/event-1.yml");
        assertThat(processCreation.fields()).hasSize(23);
        assertThat(processCreation.fields().get(0))
                .isEqualTo(new EventField("RuleName", "string", "custom tag mapped to event. i.e ATT&CK technique ID"));
        assertThat(processCreation.fields()).extracting(EventField::name).contains("Image", "CommandLine",
                "ParentImage");
    }

    @Test
    void corpusSysmonProcessAccess() {
        assertThat(event("Microsoft-Windows-Sysmon", "10").title()).isEqualTo("ProcessAccess");
    }

    @Test
    void corpusSecurityProcessCreationMergesVersions() {
        CatalogEvent created = event("Microsoft-Windows-Security-Auditing", "4688");

        assertThat(created.title()).isEqualTo("A new process has been created");
        assertThat(created.shortProvider()).isEqualTo("Security-Auditing");
        assertThat(created.version()).isEqualTo("0, 1, 2");
        assertThat(created.source())
                .isEqualTo("events/ossem-dd/windows/etw-providers/Microsoft-Windows-Security-Auditing/events/event-4688_v2.yml");
        assertThat(created.description()).isEqualTo("This event generates every time a new process starts.");
        assertThat(created.fields()).extracting(EventField::name).contains("NewProcessName", "CommandLine",
                "ParentProcessName");
    }

    @Test
    void corpusScriptBlockTitle() {
        CatalogEvent scriptBlock = event("Microsoft-Windows-PowerShell", "4104");

        assertThat(scriptBlock.title()).isEqualTo("Creating Scriptblock text");
        assertThat(scriptBlock.shortProvider()).isEqualTo("PowerShell");
        assertThat(scriptBlock.fields()).extracting(EventField::name)
                .containsExactly("MessageNumber", "MessageTotal", "ScriptBlockText", "ScriptBlockId", "Path");
    }

    @Test
    void corpusPowerShellOtherTitles() {
        assertThat(event("Microsoft-Windows-PowerShell", "4103").title()).isEqualTo("Executing Pipeline");
        assertThat(event("PowerShell", "400").title()).isEqualTo("Engine Lifecycle");
        assertThat(event("PowerShell", "400").shortProvider()).isEqualTo("PowerShell (classic)");
    }

    @Test
    void corpusTaskTitles() {
        assertThat(event("Microsoft-Windows-Kernel-File", "12").title()).isEqualTo("Create");
        assertThat(event("Microsoft-Windows-Security-Auditing", "4612").title()).isEqualTo("Event 4612");
    }

    @Test
    void corpusLinuxSysmon() {
        CatalogEvent linuxProcess = event("sysmon", "1");

        assertThat(linuxProcess.shortProvider()).isEqualTo("Sysmon for Linux");
        assertThat(linuxProcess.platform()).isEqualTo("linux");
        assertThat(linuxProcess.title()).isEqualTo("Process creation");
    }

    @Test
    void corpusNoPlaceholderTitles() {
        assertThat(data.events()).extracting(CatalogEvent::title)
                .noneMatch(title -> title.matches("(?i).*task_\\d+.*") || title.equals("None") || title.isBlank());
    }
}
