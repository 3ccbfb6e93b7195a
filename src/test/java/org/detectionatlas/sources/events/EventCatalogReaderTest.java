package org.detectionatlas.sources.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.CatalogEvent.EventField;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCatalogReaderTest {

    private static final String SYSMON_1 = """
            name: 'Event ID 1: Process creation'
            description: A process was created.
            platform: windows
            log_source: Microsoft-Windows-Sysmon
            event_id: '1'
            event_version: '5'
            event_fields:
            - standard_name: ProcessFilePath
              name: Image
              type: string
              description: File path of the process
            - standard_name: TBD
              type: string
            - name: ProcessId
              type: integer
              description:
            """;

    private static final String SECURITY_4688_V0 = """
            name: Event 4688 - task_0
            description:
            platform: windows
            log_source: Microsoft-Windows-Security-Auditing
            event_id: '4688'
            event_version: '0'
            event_fields:
            - name: NewProcessName
              type: UnicodeString
            """;

    private static final String SECURITY_4688_V2 = """
            name: 'Event ID 4688: A new process has been created'
            description: This event generates every time a new process starts.
            platform: windows
            log_source: Microsoft-Windows-Security-Auditing
            event_id: '4688'
            event_version: '2'
            event_fields:
            - name: NewProcessName
              type: UnicodeString
            - name: CommandLine
              type: UnicodeString
            """;

    private static final String POWERSHELL_4104 = """
            name: Event 4104 - StartingCommand
            description:
            platform: windows
            log_source: Microsoft-Windows-PowerShell
            event_id: '4104'
            event_version: '1'
            event_fields: []
            event_sample:
            - format: friendly view
              sample: |-
                Log Name:      Microsoft-Windows-PowerShell/Operational
                Event ID:      4104
                Task Category: Execute a Remote Command
                Description:   Creating Scriptblock text (1 of 1): prompt
            """;

    @TempDir
    Path corpus;

    private void write(String folder, String file, String text) throws IOException {
        Path events = corpus.resolve("events/ossem-dd").resolve(folder).resolve("events");
        Files.createDirectories(events);
        Files.writeString(events.resolve(file), text);
    }

    private EventCatalogData readFixture() throws IOException {
        write("windows/sysmon", "event-1.yml", SYSMON_1);
        write("windows/etw-providers/Microsoft-Windows-Security-Auditing", "event-4688.yml", SECURITY_4688_V0);
        write("windows/etw-providers/Microsoft-Windows-Security-Auditing", "event-4688_v1.yml",
                SECURITY_4688_V0.replace("'0'", "'1'"));
        write("windows/etw-providers/Microsoft-Windows-Security-Auditing", "event-4688_v2.yml", SECURITY_4688_V2);
        write("windows/etw-providers/Microsoft-Windows-PowerShell", "event-4104_v1.yml", POWERSHELL_4104);
        return new EventCatalogReader().read(corpus);
    }

    @Test
    void fixtureSysmonEvent() throws IOException {
        CatalogEvent sysmon = readFixture().events().get(2);

        assertThat(sysmon).isEqualTo(new CatalogEvent(new EventKey("Microsoft-Windows-Sysmon", "1"), "Sysmon",
                "windows", "5", "Process creation", "A process was created.",
                List.of(new EventField("Image", "string", "File path of the process"),
                        new EventField("ProcessId", "integer", "")),
                "events/ossem-dd/windows/sysmon/events/event-1.yml"));
    }

    @Test
    void fixtureVersionsMergeIntoOneEvent() throws IOException {
        CatalogEvent created = readFixture().events().get(1);

        assertThat(created).isEqualTo(new CatalogEvent(new EventKey("Microsoft-Windows-Security-Auditing", "4688"),
                "Security-Auditing", "windows", "0, 1, 2", "A new process has been created",
                "This event generates every time a new process starts.",
                List.of(new EventField("NewProcessName", "UnicodeString", ""),
                        new EventField("CommandLine", "UnicodeString", "")),
                "events/ossem-dd/windows/etw-providers/Microsoft-Windows-Security-Auditing/events/event-4688_v2.yml"));
    }

    @Test
    void fixtureTitleFromSampleMessage() throws IOException {
        CatalogEvent scriptBlock = readFixture().events().get(0);

        assertThat(scriptBlock.key()).isEqualTo(new EventKey("Microsoft-Windows-PowerShell", "4104"));
        assertThat(scriptBlock.title()).isEqualTo("Creating Scriptblock text");
        assertThat(scriptBlock.shortProvider()).isEqualTo("PowerShell");
    }

    @Test
    void fixtureEventsSortedByKey() throws IOException {
        assertThat(readFixture().events()).extracting(CatalogEvent::key).containsExactly(
                new EventKey("Microsoft-Windows-PowerShell", "4104"),
                new EventKey("Microsoft-Windows-Security-Auditing", "4688"),
                new EventKey("Microsoft-Windows-Sysmon", "1"));
    }

    @Test
    void fixtureDiagnostics() throws IOException {
        List<Diagnostic> diagnostics = readFixture().diagnostics();

        assertThat(diagnostics).filteredOn(diagnostic -> diagnostic.code().equals("missing-provider"))
                .hasSize(EventCatalogReader.DICTIONARY_FOLDERS.size() - 1 + EventCatalogReader.ETW_PROVIDERS.size() - 2);
        assertThat(diagnostics).filteredOn(diagnostic -> !diagnostic.code().equals("missing-provider"))
                .containsExactly(Diagnostic.warning("events/ossem-dd/windows/sysmon/events/event-1.yml", -1,
                        "field-without-name", "An entry of event_fields has no name, so it was skipped:"
                                + " {standard_name=TBD, type=string}."));
    }

    @Test
    void missingRootGivesOneDiagnostic() {
        EventCatalogData data = new EventCatalogReader().read(corpus);

        assertThat(data.events()).isEmpty();
        assertThat(data.diagnostics()).containsExactly(Diagnostic.invalid("events/ossem-dd", -1, "missing-folder",
                "The event dictionary folder is missing: expected a clone of OSSEM-DD under events/ossem-dd/."));
    }

    @Test
    void invalidYamlIsReported() throws IOException {
        write("windows/sysmon", "event-2.yml", "name: 'Event ID 2\nlog_source: [\n");

        EventCatalogData data = new EventCatalogReader().read(corpus);

        assertThat(data.events()).isEmpty();
        assertThat(data.diagnostics()).filteredOn(diagnostic -> diagnostic.code().equals("invalid-yaml"))
                .extracting(Diagnostic::file, Diagnostic::line)
                .containsExactly(tuple(
                        "events/ossem-dd/windows/sysmon/events/event-2.yml", 3));
    }

    @Test
    void missingEventIdIsReported() throws IOException {
        write("windows/sysmon", "event-3.yml", "name: x\nlog_source: Microsoft-Windows-Sysmon\n");

        EventCatalogData data = new EventCatalogReader().read(corpus);

        assertThat(data.diagnostics()).contains(Diagnostic.invalid(
                "events/ossem-dd/windows/sysmon/events/event-3.yml", 1, "missing-key",
                "The event dictionary lacks event_id, so the event cannot be identified."));
    }

    @Test
    void notAMappingIsReported() throws IOException {
        write("windows/sysmon", "event-4.yml", "- just\n- a list\n");

        EventCatalogData data = new EventCatalogReader().read(corpus);

        assertThat(data.diagnostics()).filteredOn(diagnostic -> diagnostic.code().equals("not-a-mapping"))
                .hasSize(1);
    }

    @Test
    void aliasBombIsReported() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int level = 1; level <= 60; level++) {
            bomb.append((char) ('a' + level % 26)).append(level).append(": &l").append(level)
                    .append(" [*").append(level == 1 ? "a" : "l" + (level - 1)).append(", *")
                    .append(level == 1 ? "a" : "l" + (level - 1)).append("]\n");
        }
        write("windows/sysmon", "event-5.yml", bomb.toString());

        EventCatalogData data = new EventCatalogReader().read(corpus);

        assertThat(data.diagnostics()).filteredOn(diagnostic -> !diagnostic.code().equals("missing-provider"))
                .extracting(Diagnostic::message).containsExactly("The file is not valid YAML: Number of aliases for"
                        + " non-scalar nodes exceeds the specified max=50.");
    }

    @Test
    void deepNestingIsReportedNotThrown() throws IOException {
        write("windows/sysmon", "event-6.yml", "[".repeat(50_000) + "]".repeat(50_000));

        EventCatalogData data = new EventCatalogReader().read(corpus);

        assertThat(data.diagnostics()).filteredOn(diagnostic -> !diagnostic.code().equals("missing-provider"))
                .extracting(Diagnostic::code).containsExactly("too-deep");
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(EventCatalogReader.compareVersions("4.81", "5")).isNegative();
        assertThat(EventCatalogReader.compareVersions("10", "9")).isPositive();
        assertThat(EventCatalogReader.compareVersions("", "0")).isNegative();
        assertThat(EventCatalogReader.compareVersions("4.4.2", "4.4.10")).isPositive();
    }

    @Test
    void shortProviderNames() {
        assertThat(EventCatalogReader.shortProvider("Microsoft-Windows-Sysmon")).isEqualTo("Sysmon");
        assertThat(EventCatalogReader.shortProvider("Microsoft-Windows-Security-Auditing"))
                .isEqualTo("Security-Auditing");
        assertThat(EventCatalogReader.shortProvider("Microsoft-Windows-PowerShell")).isEqualTo("PowerShell");
        assertThat(EventCatalogReader.shortProvider("PowerShell")).isEqualTo("PowerShell (classic)");
        assertThat(EventCatalogReader.shortProvider("sysmon")).isEqualTo("Sysmon for Linux");
        assertThat(EventCatalogReader.shortProvider("LsaSrv")).isEqualTo("LsaSrv");
    }
}
