package org.detectionatlas.sources.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.EventKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A STIX 2.1 bundle (attack-stix-data layout) with an ATT&amp;CK v18 detection strategy. */
class AttackStix21Test {

    private static final String BUNDLE = """
            {
              "type": "bundle",
              "id": "bundle--21",
              "objects": [
                {"type": "x-mitre-collection", "spec_version": "2.1", "id": "x-mitre-collection--1",
                 "name": "Enterprise ATT&CK", "x_mitre_version": "18.1"},
                {"type": "x-mitre-tactic", "spec_version": "2.1", "id": "x-mitre-tactic--exec", "name": "Execution",
                 "x_mitre_shortname": "execution", "x_mitre_domains": ["enterprise-attack"],
                 "external_references": [{"source_name": "mitre-attack", "external_id": "TA0002"}]},
                {"type": "x-mitre-matrix", "spec_version": "2.1", "id": "x-mitre-matrix--1",
                 "tactic_refs": ["x-mitre-tactic--exec"], "x_mitre_domains": ["enterprise-attack"]},
                {"type": "attack-pattern", "spec_version": "2.1", "id": "attack-pattern--api", "name": "Native API",
                 "x_mitre_domains": ["enterprise-attack"],
                 "external_references": [{"source_name": "mitre-attack", "external_id": "T1106"}],
                 "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "execution"}]},
                {"type": "x-mitre-data-component", "spec_version": "2.1", "id": "x-mitre-data-component--pc",
                 "name": "Process Creation", "x_mitre_domains": ["enterprise-attack"],
                 "external_references": [{"source_name": "mitre-attack", "external_id": "DC0032"}]},
                {"type": "x-mitre-analytic", "spec_version": "2.1", "id": "x-mitre-analytic--a1", "name": "Analytic 1",
                 "x_mitre_domains": ["enterprise-attack"], "x_mitre_platforms": ["Windows"],
                 "external_references": [{"source_name": "mitre-attack", "external_id": "AN0001"}],
                 "x_mitre_log_source_references": [
                   {"x_mitre_data_component_ref": "x-mitre-data-component--pc", "name": "WinEventLog:Security",
                    "channel": "EventCode=4688"},
                   {"x_mitre_data_component_ref": "x-mitre-data-component--pc", "name": "WinEventLog:Sysmon",
                    "channel": "EventCode=1, 10"},
                   {"x_mitre_data_component_ref": "x-mitre-data-component--pc", "name": "linux:syslog",
                    "channel": "unusual process start"}]},
                {"type": "x-mitre-detection-strategy", "spec_version": "2.1", "id": "x-mitre-detection-strategy--d1",
                 "name": "Native API Calls", "x_mitre_domains": ["enterprise-attack"],
                 "x_mitre_analytic_refs": ["x-mitre-analytic--a1"],
                 "external_references": [{"source_name": "mitre-attack", "external_id": "DET0001"}]},
                {"type": "relationship", "spec_version": "2.1", "id": "relationship--1", "relationship_type": "detects",
                 "source_ref": "x-mitre-detection-strategy--d1", "target_ref": "attack-pattern--api"}
              ]
            }
            """;

    @TempDir
    Path corpus;

    private AttackData read() throws IOException {
        Files.createDirectories(corpus.resolve("attack"));
        Files.writeString(corpus.resolve("attack").resolve("enterprise-attack.json"), BUNDLE);
        return new AttackReader().read(corpus);
    }

    @Test
    void stix21BundleReadsTechniquesAndVersion() throws IOException {
        AttackData data = read();

        assertThat(data.version()).isEqualTo("18.1");
        assertThat(data.techniques()).extracting(technique -> technique.id()).containsExactly("T1106");
        assertThat(data.tactics()).extracting(tactic -> tactic.shortName()).containsExactly("execution");
        assertThat(data.diagnostics()).isEmpty();
    }

    @Test
    void detectionStrategyMapsLogSourcesToEvents() throws IOException {
        AttackData data = read();

        DetectionStrategy.Analytic analytic = new DetectionStrategy.Analytic("AN0001", List.of("Windows"), List.of(
                new DetectionStrategy.LogSource("WinEventLog:Security", "EventCode=4688", "Process Creation",
                        List.of(new EventKey("Microsoft-Windows-Security-Auditing", "4688"))),
                new DetectionStrategy.LogSource("WinEventLog:Sysmon", "EventCode=1, 10", "Process Creation",
                        List.of(new EventKey("Microsoft-Windows-Sysmon", "1"),
                                new EventKey("Microsoft-Windows-Sysmon", "10"))),
                new DetectionStrategy.LogSource("linux:syslog", "unusual process start", "Process Creation",
                        List.of())));
        assertThat(data.detections()).isEqualTo(Map.of("T1106",
                List.of(new DetectionStrategy("DET0001", "Native API Calls", List.of(analytic)))));
    }
}
