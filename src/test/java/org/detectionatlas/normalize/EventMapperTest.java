package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.detectionatlas.normalize.Rules.eq;
import static org.detectionatlas.normalize.Rules.rule;
import static org.detectionatlas.normalize.Rules.security;
import static org.detectionatlas.normalize.Rules.sigmaLogsource;
import static org.detectionatlas.normalize.Rules.sysmon;
import static org.detectionatlas.normalize.Rules.wildcard;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    private static final Normalizer NORMALIZER = Normalizer.loadDefault();

    private static Rule normalize(Rule rule) {
        return NORMALIZER.normalize(rule);
    }

    private static Node and(Node... children) {
        return new Node.And(List.of(children));
    }

    @Test
    void sigmaProcessCreationReadsSysmonAndSecurity() {
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "category", "process_creation"),
                wildcard("Image", "*\\\\cmd.exe")));

        assertThat(rule.events()).containsExactly(security("4688"), sysmon("1"));
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void sigmaCategoriesMapToSysmonEvents() {
        Map<String, List<EventKey>> expected = Map.of(
                "process_access", List.of(sysmon("10")),
                "image_load", List.of(sysmon("7")),
                "registry_event", List.of(sysmon("12"), sysmon("13"), sysmon("14")),
                "pipe_created", List.of(sysmon("17"), sysmon("18")),
                "dns_query", List.of(sysmon("22")),
                "ps_module", List.of(new EventKey(Rules.POWERSHELL, "4103")),
                "ps_classic_start", List.of(new EventKey("PowerShell", "400")));
        expected.forEach((category, events) -> {
            Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "category", category), eq("x", "y")));
            assertThat(rule.events()).as(category).isEqualTo(events);
        });
    }

    @Test
    void sigmaSecurityServiceTakesEventIds() {
        Node tree = and(new Node.Or(List.of(eq("EventID", "4624"), eq("EventID", "4625"))),
                new Node.Not(eq("EventID", "4634")), eq("LogonType", "10"));
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "service", "security"), tree));

        assertThat(rule.events()).containsExactly(security("4624"), security("4625"));
    }

    @Test
    void sigmaSystemServiceTakesProviderName() {
        Node tree = and(eq("Provider_Name", "Service Control Manager"), eq("EventID", "7045"));
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "service", "system"), tree));

        assertThat(rule.events()).containsExactly(new EventKey("Service Control Manager", "7045"));
    }

    @Test
    void sigmaSystemServiceFallsBackToCodeTable() {
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "service", "system"), eq("EventID", "104")));

        assertThat(rule.events()).containsExactly(new EventKey("Microsoft-Windows-Eventlog", "104"));
    }

    @Test
    void sigmaSecurityWithoutEventIdWarns() {
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "service", "security"),
                eq("SubjectUserName", "x")));

        assertThat(rule.events()).isEmpty();
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.warning("sigma/rules/test.yml", -1,
                "no-catalog-event", "No catalog event is known for this rule: logsource product=windows"
                        + " service=security names a channel, and the detection tests no EventID with a known provider."));
    }

    @Test
    void sigmaUnknownWindowsLogsourceWarns() {
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("windows", "service", "example-service"), eq("x", "y")));

        assertThat(rule.events()).isEmpty();
        assertThat(rule.diagnostics()).containsExactly(Diagnostic.warning("sigma/rules/test.yml", -1,
                "no-catalog-event", "No catalog event is known for this rule: sigma-logsources.tsv has no row for"
                        + " logsource product=windows service=example-service."));
    }

    @Test
    void sigmaCloudLogsourceHasNoEvents() {
        Rule rule = normalize(rule(Vendor.SIGMA, sigmaLogsource("aws", "service", "cloudtrail"), eq("eventName", "x")));

        assertThat(rule.events()).isEmpty();
        assertThat(rule.diagnostics()).isEmpty();
    }

    @Test
    void elasticProcessStartReadsProcessCreation() {
        Node tree = and(eq("event.category", "process"), eq("event.type", "start"), eq("process.name", "cmd.exe"));
        Rule rule = normalize(rule(Vendor.ELASTIC, Map.of("index", List.of("winlogbeat-*", "logs-endpoint.events.process-*")),
                tree));

        assertThat(rule.events()).containsExactly(security("4688"), sysmon("1"));
    }

    private static Rule elasticTagged(Node tree, String... tags) {
        Rule plain = rule(Vendor.ELASTIC, Map.of(), tree);
        return new Rule(plain.vendor(), plain.id(), plain.title(), plain.description(), plain.file(), plain.collection(),
                plain.active(), plain.status(), plain.level(), plain.ruleType(), plain.language(), plain.techniques(),
                plain.tactics(), List.of(tags), plain.logsource(), plain.query(), tree, plain.events(),
                plain.properties(), plain.diagnostics());
    }

    @Test
    void elasticLinuxProcessStartReadsSysmonForLinux() {
        Node tree = and(eq("host.os.type", "linux"), eq("event.category", "process"), eq("event.type", "start"));
        assertThat(normalize(rule(Vendor.ELASTIC, Map.of(), tree)).events())
                .containsExactly(new EventKey("sysmon", "1"));
    }

    @Test
    void elasticOsTagWinsOverHostOsType() {
        Node tree = and(eq("host.os.type", "windows"), eq("event.category", "file"), eq("event.type", "deletion"));
        assertThat(normalize(elasticTagged(tree, "OS: Linux")).events()).containsExactly(new EventKey("sysmon", "23"));
    }

    @Test
    void elasticMacosProcessReadsNoWindowsEvent() {
        Node tree = and(eq("event.category", "process"), eq("event.type", "start"));
        assertThat(normalize(elasticTagged(tree, "OS: macOS")).events()).isEmpty();
    }

    @Test
    void elasticWindowsAndLinuxReadBoth() {
        Node tree = and(eq("event.category", "process"), eq("event.type", "start"));
        assertThat(normalize(elasticTagged(tree, "OS: Linux", "OS: Windows")).events())
                .containsExactly(security("4688"), sysmon("1"), new EventKey("sysmon", "1"));
    }

    @Test
    void elasticDataSourceTagNarrowsProvider() {
        Node tree = and(eq("event.category", "process"), eq("event.type", "start"));
        assertThat(normalize(elasticTagged(tree, "OS: Windows", "Data Source: Elastic Defend", "Data Source: Sysmon"))
                .events()).containsExactly(sysmon("1"));
    }

    @Test
    void elasticIndexNarrowsProvider() {
        Node tree = and(eq("event.category", "process"), eq("event.type", "start"));
        Rule rule = normalize(rule(Vendor.ELASTIC,
                Map.of("index", List.of("winlogbeat-*", "logs-windows.sysmon_operational-*")), tree));

        assertThat(rule.events()).containsExactly(sysmon("1"));
    }

    @Test
    void elasticEventCodeWinsOverCategory() {
        Node tree = and(eq("event.category", "process"), eq("event.code", "10"));
        Rule rule = normalize(rule(Vendor.ELASTIC, Map.of(), tree));

        assertThat(rule.events()).containsExactly(sysmon("10"));
    }

    @Test
    void elasticBareSecurityCode() {
        Rule rule = normalize(rule(Vendor.ELASTIC, Map.of(), eq("event.code", "4688")));

        assertThat(rule.events()).containsExactly(security("4688"));
    }

    @Test
    void elasticChannelPicksCodeProvider() {
        Node tree = and(eq("winlog.channel", "Microsoft-Windows-PowerShell/Operational"), eq("event.code", "4104"));
        Rule rule = normalize(rule(Vendor.ELASTIC, Map.of(), tree));

        assertThat(rule.events()).containsExactly(new EventKey(Rules.POWERSHELL, "4104"));
    }

    @Test
    void elasticFileTypesPickEvents() {
        Rule creation = normalize(rule(Vendor.ELASTIC, Map.of(),
                and(eq("event.category", "file"), eq("event.type", "creation"))));
        Rule deletion = normalize(rule(Vendor.ELASTIC, Map.of(),
                and(eq("event.category", "file"), eq("event.type", "deletion"))));
        Rule notDeletion = normalize(rule(Vendor.ELASTIC, Map.of(),
                and(eq("event.category", "file"), new Node.Not(eq("event.type", "deletion")))));

        assertThat(creation.events()).containsExactly(sysmon("11"));
        assertThat(deletion.events()).containsExactly(sysmon("23"), sysmon("26"));
        assertThat(notDeletion.events()).containsExactly(sysmon("11"));
    }

    @Test
    void elasticCategoriesMapToSysmon() {
        assertThat(normalize(rule(Vendor.ELASTIC, Map.of(), eq("event.category", "library"))).events())
                .containsExactly(sysmon("7"));
        assertThat(normalize(rule(Vendor.ELASTIC, Map.of(), eq("event.category", "registry"))).events())
                .containsExactly(sysmon("12"), sysmon("13"), sysmon("14"));
        assertThat(normalize(rule(Vendor.ELASTIC, Map.of(), eq("event.category", "network"))).events())
                .containsExactly(sysmon("3"));
        assertThat(normalize(rule(Vendor.ELASTIC, Map.of(),
                and(eq("event.category", "network"), wildcard("dns.question.name", "*.onion")))).events())
                .containsExactly(sysmon("22"));
    }

    @Test
    void elasticScriptBlockFieldReadsPowerShell4104() {
        Rule rule = normalize(rule(Vendor.ELASTIC, Map.of("index", List.of("winlogbeat-*", "logs-windows.powershell*")),
                wildcard("powershell.file.script_block_text", "*Invoke-Mimikatz*")));

        assertThat(rule.events()).containsExactly(new EventKey(Rules.POWERSHELL, "4104"));
    }

    @Test
    void elasticIndexAloneNamesEvents() {
        Rule rule = normalize(rule(Vendor.ELASTIC, Map.of("index", List.of("logs-windows.powershell*")),
                eq("message", "x")));

        assertThat(rule.events()).containsExactly(new EventKey(Rules.POWERSHELL, "4104"));
    }

    @Test
    void splunkDataModelReadsProcessCreation() {
        Rule rule = normalize(rule(Vendor.SPLUNK, Map.of(), eq("Processes.process_name", "cmd.exe"),
                Map.of("datamodel", "Endpoint.Processes"), List.of()));

        assertThat(rule.events()).containsExactly(security("4688"), sysmon("1"));
    }

    @Test
    void splunkFieldPrefixImpliesDataModel() {
        Rule rule = normalize(rule(Vendor.SPLUNK, Map.of(), eq("Filesystem.file_name", "x.exe")));

        assertThat(rule.events()).containsExactly(sysmon("11"));
    }

    @Test
    void splunkEventCodeTakesProviderFromSource() {
        Node tree = and(eq("source", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"), eq("EventCode", "10"),
                wildcard("TargetImage", "*\\\\lsass.exe"));
        Rule rule = normalize(rule(Vendor.SPLUNK, Map.of(), tree));

        assertThat(rule.events()).containsExactly(sysmon("10"));
    }

    @Test
    void splunkSecurityMacroPicksProvider() {
        Node macro = new Node.Or(List.of(eq("eventtype", "wineventlog_security"), eq("Channel", "security"),
                eq("source", "XmlWinEventLog:Security")));
        Rule rule = normalize(rule(Vendor.SPLUNK, Map.of(), and(macro, eq("EventCode", "4688"))));

        assertThat(rule.events()).containsExactly(security("4688"));
    }

    @Test
    void splunkSourceWinsOverCodeTable() {
        Node macro = new Node.Or(List.of(eq("sourcetype", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"),
                eq("source", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"),
                eq("source", "Syslog:Linux-Sysmon/Operational")));
        Rule rule = normalize(rule(Vendor.SPLUNK, Map.of(), and(macro, eq("EventCode", "4688"))));

        assertThat(rule.events()).containsExactly(sysmon("4688"));
    }

    @Test
    void splunkKeepsReaderEvents() {
        Rule rule = normalize(rule(Vendor.SPLUNK, Map.of(), eq("EventCode", "4769"), Map.of(),
                List.of(new EventKey(Rules.SECURITY, "4768"))));

        assertThat(rule.events()).containsExactly(security("4768"), security("4769"));
    }

    @Test
    void sigmaLogsourcesReportsInvalidRows() {
        String text = "product\tcategory\tservice\tprovider\tevent_ids\n"
                + "windows\tprocess_creation\t\tMicrosoft-Windows-Sysmon\t1,x\n"
                + "\t\t\tMicrosoft-Windows-Sysmon\t1\n"
                + "windows\timage_load\t\t\t7\n";
        DataFileException error = catchThrowableOfType(DataFileException.class, () -> SigmaLogsources.from(TsvFile.parse(
                "sigma-logsources.tsv", new StringReader(text), SigmaLogsources.HEADER, 4)));

        assertThat(error.errors()).containsExactly(
                "sigma-logsources.tsv line 2: event_ids \"1,x\" is invalid, expected * or numbers separated by commas",
                "sigma-logsources.tsv line 3: product, category and service are all empty, expected at least one",
                "sigma-logsources.tsv line 4: provider is empty, expected a provider name or -");
    }

    @Test
    void eventSourcesReportsInvalidRows() {
        String text = "vendor\tkind\tkey\tcondition\tprovider\tevent_ids\n"
                + "sigma\tchannel\tSecurity\t\tX\n"
                + "any\tevent-code\t20-10\t\tX\n"
                + "elastic\tcategory\tprocess\tkind=start\tX\t1\n"
                + "elastic\tcategory\tprocess\t\tX\n"
                + "elastic\tindex\tx\t\tX\t1\n";
        DataFileException error = catchThrowableOfType(DataFileException.class, () -> EventSources.from(TsvFile.parse(
                "event-sources.tsv", new StringReader(text), EventSources.HEADER, 5)));

        assertThat(error.errors()).containsExactly(
                "event-sources.tsv line 2: vendor \"sigma\" is unknown, expected elastic, splunk or any",
                "event-sources.tsv line 3: event-code key \"20-10\" is invalid, expected a number or a range such as 4608-4999",
                "event-sources.tsv line 4: condition \"kind=start\" is invalid, expected empty, or clauses type=<value>,"
                        + " field=<field> or os=<platform> joined by &",
                "event-sources.tsv line 5: event_ids is empty, expected the events a category row names",
                "event-sources.tsv line 6: kind \"index\" is unknown, expected event-code, channel, category, dataset, tag, field"
                        + " or datamodel");
    }
}
