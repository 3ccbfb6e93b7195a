package org.detectionatlas.sources.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackReaderTest {

    private static final String BUNDLE = """
            {
              "type": "bundle",
              "id": "bundle--1",
              "spec_version": "2.0",
              "objects": [
                {
                  "type": "attack-pattern",
                  "id": "attack-pattern--dll",
                  "name": "Dynamic-link Library Injection",
                  "description": "Inject a DLL.",
                  "external_references": [
                    {"source_name": "mitre-attack", "url": "https://attack.mitre.org/techniques/T1055/001",
                     "external_id": "T1055.001"},
                    {"source_name": "Some Blog", "url": "https://example.org/"}
                  ],
                  "kill_chain_phases": [
                    {"kill_chain_name": "mitre-attack", "phase_name": "privilege-escalation"},
                    {"kill_chain_name": "mitre-attack", "phase_name": "defense-evasion"}
                  ],
                  "x_mitre_is_subtechnique": true,
                  "x_mitre_platforms": ["Windows"],
                  "x_mitre_deprecated": false,
                  "x_mitre_domains": ["enterprise-attack"]
                },
                {
                  "type": "attack-pattern",
                  "id": "attack-pattern--old",
                  "name": "Old Injection",
                  "revoked": true,
                  "external_references": [{"source_name": "mitre-attack", "external_id": "T1099"}],
                  "kill_chain_phases": [],
                  "x_mitre_domains": ["enterprise-attack"]
                },
                {
                  "type": "attack-pattern",
                  "id": "attack-pattern--mobile",
                  "name": "Mobile Only",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "T1400"}],
                  "x_mitre_domains": ["mobile-attack"]
                },
                {
                  "type": "attack-pattern",
                  "id": "attack-pattern--api",
                  "name": "Native API",
                  "external_references": [{"source_name": "mitre-attack", "url": "https://attack.mitre.org/techniques/T1106",
                     "external_id": "T1106"}],
                  "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "execution"}],
                  "x_mitre_platforms": ["Linux", "Windows"],
                  "x_mitre_deprecated": true,
                  "x_mitre_domains": ["enterprise-attack"]
                },
                {
                  "type": "relationship",
                  "id": "relationship--1",
                  "relationship_type": "revoked-by",
                  "source_ref": "attack-pattern--old",
                  "target_ref": "attack-pattern--dll"
                },
                {
                  "type": "relationship",
                  "id": "relationship--2",
                  "relationship_type": "uses",
                  "source_ref": "attack-pattern--api",
                  "target_ref": "attack-pattern--dll"
                },
                {
                  "type": "x-mitre-matrix",
                  "id": "x-mitre-matrix--1",
                  "name": "Enterprise ATT&CK",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "enterprise-attack"}],
                  "tactic_refs": ["x-mitre-tactic--exec", "x-mitre-tactic--priv", "x-mitre-tactic--evade"],
                  "x_mitre_domains": ["enterprise-attack"]
                },
                {
                  "type": "x-mitre-tactic",
                  "id": "x-mitre-tactic--evade",
                  "name": "Defense Evasion",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "TA0005"}],
                  "x_mitre_shortname": "defense-evasion",
                  "x_mitre_domains": ["enterprise-attack"]
                },
                {
                  "type": "x-mitre-tactic",
                  "id": "x-mitre-tactic--exec",
                  "name": "Execution",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "TA0002"}],
                  "x_mitre_shortname": "execution",
                  "x_mitre_domains": ["enterprise-attack"]
                },
                {
                  "type": "x-mitre-tactic",
                  "id": "x-mitre-tactic--priv",
                  "name": "Privilege Escalation",
                  "external_references": [{"source_name": "mitre-attack", "external_id": "TA0004"}],
                  "x_mitre_shortname": "privilege-escalation",
                  "x_mitre_domains": ["enterprise-attack"]
                }
              ]
            }
            """;

    @TempDir
    Path corpus;

    private AttackData readBundle(String name, String json) throws IOException {
        Files.createDirectories(corpus.resolve("attack"));
        Files.writeString(corpus.resolve("attack").resolve(name), json);
        return new AttackReader().read(corpus);
    }

    @Test
    void fixtureTacticsFollowMatrixOrder() throws IOException {
        AttackData data = readBundle("enterprise-attack-9.2.json", BUNDLE);

        assertThat(data.tactics()).containsExactly(
                new Tactic("TA0002", "execution", "Execution", 0),
                new Tactic("TA0004", "privilege-escalation", "Privilege Escalation", 1),
                new Tactic("TA0005", "defense-evasion", "Defense Evasion", 2));
        assertThat(data.diagnostics()).isEmpty();
    }

    @Test
    void fixtureTechniquesAreComplete() throws IOException {
        AttackData data = readBundle("enterprise-attack-9.2.json", BUNDLE);

        assertThat(data.techniques()).containsExactly(
                new Technique("T1055.001", "Dynamic-link Library Injection", "Inject a DLL.",
                        List.of("privilege-escalation", "defense-evasion"), "T1055", List.of("Windows"),
                        "https://attack.mitre.org/techniques/T1055/001", false, false, true),
                new Technique("T1099", "Old Injection", "", List.of(), null, List.of(),
                        "https://attack.mitre.org/techniques/T1099/", true, false, true),
                new Technique("T1106", "Native API", "", List.of("execution"), null, List.of("Linux", "Windows"),
                        "https://attack.mitre.org/techniques/T1106", false, true, true));
    }

    @Test
    void fixtureRevokedByMapsAttackIds() throws IOException {
        AttackData data = readBundle("enterprise-attack-9.2.json", BUNDLE);

        assertThat(data.revokedBy()).isEqualTo(Map.of("T1099", "T1055.001"));
        assertThat(data.replacementOf("T1099")).isEqualTo("T1055.001");
        assertThat(data.replacementOf("T1106")).isEqualTo("T1106");
    }

    @Test
    void versionComesFromFileName() throws IOException {
        assertThat(readBundle("enterprise-attack-9.2.json", BUNDLE).version()).isEqualTo("9.2");
    }

    @Test
    void versionPrefersCollectionObject() throws IOException {
        String withCollection = BUNDLE.replace("\"objects\": [", """
                "objects": [
                    {"type": "x-mitre-collection", "id": "x-mitre-collection--1", "x_mitre_version": "17.0"},
                """);

        assertThat(readBundle("enterprise-attack-9.2.json", withCollection).version()).isEqualTo("17.0");
    }

    @Test
    void replacementOfStopsOnCycle() {
        AttackData data = new AttackData("1", List.of(), List.of(), Map.of("T1", "T2", "T2", "T1"), List.of());

        assertThat(data.replacementOf("T1")).isEqualTo("T1");
        assertThat(data.replacementOf("T3")).isEqualTo("T3");
    }

    @Test
    void missingFolderGivesOneDiagnostic() {
        AttackData data = new AttackReader().read(corpus);

        assertThat(data.tactics()).isEmpty();
        assertThat(data.techniques()).isEmpty();
        assertThat(data.diagnostics()).containsExactly(Diagnostic.invalid("attack", -1, "missing-folder",
                "The ATT&CK folder is missing: expected a STIX bundle such as enterprise-attack-18.1.json"
                        + " under attack/."));
    }

    @Test
    void emptyFolderGivesOneDiagnostic() throws IOException {
        Files.createDirectories(corpus.resolve("attack"));

        AttackData data = new AttackReader().read(corpus);

        assertThat(data.diagnostics()).extracting(Diagnostic::code).containsExactly("missing-bundle");
    }

    @Test
    void truncatedBundleKeepsEarlierObjects() throws IOException {
        String truncated = BUNDLE.substring(0, BUNDLE.indexOf("\"type\": \"relationship\""));

        AttackData data = readBundle("enterprise-attack-9.2.json", truncated);

        assertThat(data.techniques()).extracting(Technique::id).containsExactly("T1055.001", "T1099", "T1106");
        assertThat(data.diagnostics()).containsExactly(Diagnostic.invalid("attack/enterprise-attack-9.2.json", 53,
                "invalid-json", "The bundle is not valid JSON: Unexpected end-of-input: expected close marker"
                        + " for Object; objects before this point were kept."));
    }

    @Test
    void notABundleIsReported() throws IOException {
        AttackData data = readBundle("x.json", "[1, 2]");

        assertThat(data.diagnostics()).containsExactly(Diagnostic.invalid("attack/x.json", 1, "not-a-bundle",
                "The file is not a STIX bundle: expected a JSON object with an \"objects\" array."));
    }

    @Test
    void nonObjectEntryIsReported() throws IOException {
        AttackData data = readBundle("x.json", "{\"objects\": [\n\"oops\",\n{\"type\": \"identity\"}]}");

        assertThat(data.diagnostics()).containsExactly(Diagnostic.invalid("attack/x.json", 2, "not-an-object",
                "An entry of \"objects\" is a string where a STIX object was expected."));
    }

    @Test
    void deepNestingIsReportedNotThrown() throws IOException {
        String deep = "{\"objects\": [{\"type\": \"identity\", \"x\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + "}]}";

        AttackData data = readBundle("x.json", deep);

        assertThat(data.diagnostics()).extracting(Diagnostic::code).containsExactly("invalid-json");
    }

    @Test
    void attackPatternWithoutIdIsSkipped() throws IOException {
        String json = """
                {"objects": [
                  {"type": "attack-pattern", "id": "attack-pattern--x", "name": "Custom",
                   "external_references": [{"source_name": "acme", "external_id": "A1"}]}
                ]}
                """;

        AttackData data = readBundle("x.json", json);

        assertThat(data.techniques()).isEmpty();
        assertThat(data.diagnostics()).containsExactly(Diagnostic.warning("attack/x.json", 2, "missing-attack-id",
                "The attack-pattern \"Custom\" has no external reference with source_name mitre-attack"
                        + " and an external_id, so it was skipped."));
    }
}
