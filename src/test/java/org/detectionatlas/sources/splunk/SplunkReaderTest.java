package org.detectionatlas.sources.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Span;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplunkReaderTest {

    @TempDir
    Path corpus;

    private void write(String path, String text) throws IOException {
        Path file = corpus.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void loneDetectionWarnsThatNoMacroIsExpanded(@TempDir Path elsewhere) throws IOException {
        Path file = elsewhere.resolve("lone.yml");
        Files.writeString(file, "name: Lone\nid: lone-1\nsearch: '`sysmon` EventCode=1'\n");

        Rule rule = SplunkReader.readSingleFile(file);

        assertThat(rule.diagnostics().get(0).code()).isEqualTo("no-macros-folder");
        assertThat(rule.diagnostics().get(0).message()).isEqualTo("No splunk/macros folder was found above " + file
                + ", so no macro is expanded. Read the detection inside a security_content checkout"
                + " (splunk/detections/...) to expand them.");
    }

    @BeforeEach
    void writeCorpus() throws IOException {
        write("splunk/macros/sysmon.yml", "name: sysmon\ndefinition: source=Sysmon\n");
        write("splunk/macros/nested/ctime.yml",
                "name: ctime\narguments:\n- field\ndefinition: convert ctime($field$)\n");
        write("splunk/data_sources/sysmon_1.yml", """
                name: Sysmon EventID 1
                source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational
                sourcetype: xmlwineventlog
                separator: EventID
                """);
        write("splunk/data_sources/cloudtrail.yml", "name: AWS CloudTrail\nsource: aws_cloudtrail\n");
        write("splunk/stories/story.yml", "name: Living Off The Land\n");
        write("splunk/detections/endpoint/cmd_spawn.yml", """
                name: Cmd Spawn
                id: 11111111-2222-3333-4444-555555555555
                version: 2
                date: '2024-01-01'
                author: Someone
                status: production
                type: TTP
                data_source:
                - Sysmon EventID 1
                - AWS CloudTrail
                description: Finds cmd.
                search: '`sysmon` EventCode=1 Image="*\\\\cmd.exe" | `ctime(firstTime)` | `drop_dm_object_name(x)` | `cmd_spawn_filter`'
                how_to_implement: Ingest Sysmon.
                known_false_positives: Admins.
                references:
                - https://example.org/a
                - https://example.org/b
                tags:
                  analytic_story:
                  - Living Off The Land
                  - Unknown Story
                  asset_type: Endpoint
                  confidence: 80
                  impact: 50
                  mitre_attack_id:
                  - t1059.003
                  - T1059.003
                  - T1106
                  risk_score: 40
                  security_domain: endpoint
                """);
        write("splunk/detections/deprecated/old.yml", """
                name: Old
                id: old-id
                type: Hunting
                status: deprecated
                data_source: []
                search: '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=a.exe by x | `drop_dm_object_name(Processes)` | `old_filter`'
                tags:
                  analytic_story: []
                """);
        write("splunk/detections/web/broken.yml", "name: Broken\nsearch: [unclosed\n");
    }

    @Test
    void readsEveryFile() {
        RuleReadResult result = new SplunkReader().read(corpus);
        assertThat(result.vendor()).isEqualTo(Vendor.SPLUNK);
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.rules()).extracting(Rule::file).containsExactly(
                "splunk/detections/deprecated/old.yml",
                "splunk/detections/endpoint/cmd_spawn.yml",
                "splunk/detections/web/broken.yml");
    }

    @Test
    void readsDetectionFields() {
        Rule rule = rule("splunk/detections/endpoint/cmd_spawn.yml");
        assertThat(rule.id()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(rule.title()).isEqualTo("Cmd Spawn");
        assertThat(rule.description()).isEqualTo("Finds cmd.");
        assertThat(rule.collection()).isEqualTo("endpoint");
        assertThat(rule.active()).isTrue();
        assertThat(rule.status()).isEqualTo("production");
        assertThat(rule.level()).isEqualTo("low");
        assertThat(rule.ruleType()).isEqualTo("TTP");
        assertThat(rule.language()).isEqualTo("spl");
        assertThat(rule.techniques()).containsExactly("T1059.003", "T1106");
        assertThat(rule.tactics()).isEmpty();
        assertThat(rule.tags()).containsExactly("analytic_story:Living Off The Land", "analytic_story:Unknown Story",
                "asset_type:Endpoint", "security_domain:endpoint", "mitre_attack_id:t1059.003",
                "mitre_attack_id:T1059.003", "mitre_attack_id:T1106", "confidence:80", "impact:50", "risk_score:40");
        assertThat(rule.logsource()).isEqualTo(Map.of("data_source", List.of("Sysmon EventID 1", "AWS CloudTrail")));
        assertThat(rule.query()).isEqualTo(
                "`sysmon` EventCode=1 Image=\"*\\\\cmd.exe\" | `ctime(firstTime)` | `drop_dm_object_name(x)` | `cmd_spawn_filter`");
        assertThat(rule.events()).containsExactly(new EventKey("Microsoft-Windows-Sysmon", "1"));
    }

    @Test
    void readsDetectionProperties() {
        Map<String, String> properties = rule("splunk/detections/endpoint/cmd_spawn.yml").properties();
        assertThat(properties).containsEntry("expandedSearch",
                "source=Sysmon EventCode=1 Image=\"*\\\\cmd.exe\" | convert ctime(firstTime) | `drop_dm_object_name(x)` | ");
        assertThat(properties).containsEntry("how_to_implement", "Ingest Sysmon.");
        assertThat(properties).containsEntry("known_false_positives", "Admins.");
        assertThat(properties).containsEntry("references", "https://example.org/a\nhttps://example.org/b");
        assertThat(properties).containsEntry("stories", "Living Off The Land\nUnknown Story");
        assertThat(properties).containsEntry("storyLinks",
                "Living Off The Land\thttps://github.com/splunk/security_content/blob/develop/stories/story.yml");
        assertThat(properties).containsEntry("url",
                "https://github.com/splunk/security_content/blob/develop/detections/endpoint/cmd_spawn.yml");
        assertThat(properties).containsEntry("confidence", "80");
        assertThat(properties).containsEntry("impact", "50");
        assertThat(properties).doesNotContainKey("datamodel");
    }

    @Test
    void buildsTreeFromExpandedSearch() {
        // drop_dm_object_name is known to rename x.* to *, so it adds no Opaque part.
        Rule rule = rule("splunk/detections/endpoint/cmd_spawn.yml");
        assertThat(rule.tree()).isEqualTo(new Node.And(List.of(
                Predicate.of("source", Operator.EQ, "Sysmon", false, "source=Sysmon", new Span(12, -1, 0, 13)),
                Predicate.of("EventCode", Operator.EQ, "1", false, "EventCode=1", new Span(12, -1, 14, 25)),
                Predicate.of("Image", Operator.WILDCARD, "*\\\\cmd.exe", false, "Image=\"*\\\\cmd.exe\"",
                        new Span(12, -1, 26, 44)))));
    }

    @Test
    void warnsAboutUnknownStory() {
        assertThat(rule("splunk/detections/endpoint/cmd_spawn.yml").diagnostics()).containsExactly(
                Diagnostic.warning("splunk/detections/endpoint/cmd_spawn.yml", -1, "unknown-story",
                        "The analytic story \"Unknown Story\" is not defined under splunk/stories."));
    }

    @Test
    void readsDeprecatedTstatsDetection() {
        Rule rule = rule("splunk/detections/deprecated/old.yml");
        assertThat(rule.active()).isFalse();
        assertThat(rule.collection()).isEqualTo("deprecated");
        assertThat(rule.properties()).containsEntry("datamodel", "Endpoint.Processes");
        assertThat(rule.tree()).isEqualTo(Predicate.of("Processes.process_name", Operator.EQ, "a.exe", false,
                "Processes.process_name=a.exe", new Span(6, -1, 55, 83)));
        assertThat(rule.events()).isEmpty();
    }

    @Test
    void keepsBrokenFileAsFailedRule() {
        Rule rule = rule("splunk/detections/web/broken.yml");
        assertThat(rule.id()).isEqualTo("splunk/detections/web/broken.yml");
        assertThat(rule.tree()).isNull();
        assertThat(rule.diagnostics()).hasSize(1);
        assertThat(rule.diagnostics().get(0).kind()).isEqualTo(Diagnostic.Kind.INVALID);
        assertThat(rule.diagnostics().get(0).code()).isEqualTo("invalid-yaml");
        assertThat(rule.diagnostics().get(0).line()).isEqualTo(3);
    }

    @Test
    void reportsUndefinedMacrosOnce() {
        assertThat(new SplunkReader().read(corpus).diagnostics()).containsExactly(
                Diagnostic.warning("splunk/macros", -1, "undefined-macro", "The macro `drop_dm_object_name` is "
                        + "called by 2 detection(s) but not defined under splunk/macros; a call before the first "
                        + "transforming command becomes an Opaque part of the tree."),
                Diagnostic.warning("splunk/macros", -1, "undefined-filter-macro", "2 `*_filter` macros called by 2 "
                        + "detection(s) are not defined under splunk/macros; each is an empty customer filter, so it "
                        + "is dropped from the search."));
    }

    private Rule rule(String file) {
        return new SplunkReader().read(corpus).rules().stream()
                .filter(rule -> rule.file().equals(file))
                .findFirst()
                .orElseThrow();
    }
}
