package org.detectionatlas.sources.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.sources.splunk.SplunkDataSources.DataSource;
import org.junit.jupiter.api.Test;

class SplunkDataSourcesTest {

    private static final SplunkDataSources NONE = new SplunkDataSources(Map.of());

    private static Optional<EventKey> event(String name, String source) {
        return NONE.event(new DataSource(name, source, "", "splunk/data_sources/x.yml"));
    }

    @Test
    void sysmonEvent() {
        assertThat(event("Sysmon EventID 1", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"))
                .contains(new EventKey("Microsoft-Windows-Sysmon", "1"));
    }

    @Test
    void securityEvent() {
        assertThat(event("Windows Event Log Security 4688", "XmlWinEventLog:Security"))
                .contains(new EventKey("Microsoft-Windows-Security-Auditing", "4688"));
    }

    @Test
    void powershellScriptBlock() {
        assertThat(event("Powershell Script Block Logging 4104",
                "XmlWinEventLog:Microsoft-Windows-PowerShell/Operational"))
                .contains(new EventKey("Microsoft-Windows-PowerShell", "4104"));
    }

    @Test
    void systemServiceInstall() {
        assertThat(event("Windows Event Log System 7045", "XmlWinEventLog:System"))
                .contains(new EventKey("Service Control Manager", "7045"));
    }

    @Test
    void systemAccountEventHasNoProvider() {
        assertThat(event("Windows Event Log System 4720", "XmlWinEventLog:System")).isEmpty();
    }

    @Test
    void cloudLogHasNoEvent() {
        assertThat(event("AWS CloudTrail 4624", "aws_cloudtrail")).isEmpty();
    }

    @Test
    void linuxSysmonHasNoWindowsEvent() {
        assertThat(event("Sysmon for Linux EventID 1", "Syslog:Linux-Sysmon/Operational")).isEmpty();
    }

    private static final SplunkDataSources DEFINED = new SplunkDataSources(Map.of(
            "Sysmon EventID 13", new DataSource("Sysmon EventID 13",
                    "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", "", "splunk/data_sources/sysmon_13.yml"),
            "Windows Event Log Security 4624", new DataSource("Windows Event Log Security 4624",
                    "XmlWinEventLog:Security", "", "splunk/data_sources/security_4624.yml")));

    @Test
    void siblingOfUndefinedEventId() {
        DataSource sibling = DEFINED.sibling("Sysmon EventID 14").orElseThrow();
        assertThat(sibling.name()).isEqualTo("Sysmon EventID 13");
        assertThat(DEFINED.events("Sysmon EventID 14", sibling))
                .containsExactly(new EventKey("Microsoft-Windows-Sysmon", "14"));
    }

    @Test
    void shortWindowsSecurityNameFindsFamily() {
        DataSource sibling = DEFINED.sibling("Windows Security 5136").orElseThrow();
        assertThat(DEFINED.events("Windows Security 5136", sibling))
                .containsExactly(new EventKey("Microsoft-Windows-Security-Auditing", "5136"));
    }

    @Test
    void severalIdsInOneName() {
        DataSource security = DEFINED.find("Windows Event Log Security 4624").orElseThrow();
        assertThat(DEFINED.events("Windows Event Log Security 4624,4625", security)).containsExactly(
                new EventKey("Microsoft-Windows-Security-Auditing", "4624"),
                new EventKey("Microsoft-Windows-Security-Auditing", "4625"));
    }

    @Test
    void noSiblingWithoutFamily() {
        assertThat(DEFINED.sibling("NTLM Operational 8004")).isEmpty();
        assertThat(DEFINED.sibling("O365 Universal Audit Log")).isEmpty();
    }
}
