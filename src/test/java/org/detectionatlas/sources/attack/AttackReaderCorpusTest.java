package org.detectionatlas.sources.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real enterprise ATT&amp;CK 18.1 bundle of the corpus. */
class AttackReaderCorpusTest {

    private static AttackData data;
    private static Map<String, Technique> byId;

    @BeforeAll
    static void read() {
        data = new AttackReader().read(TestCorpus.root());
        byId = data.techniques().stream().collect(Collectors.toMap(Technique::id, Function.identity()));
    }

    @Test
    void corpusReadsWithoutDiagnostics() {
        assertThat(data.diagnostics()).isEmpty();
        assertThat(data.version()).isEqualTo("18.1");
    }

    @Test
    void corpusHasFourteenTacticsInMatrixOrder() {
        assertThat(data.tactics()).extracting(Tactic::shortName).containsExactly(
                "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
                "privilege-escalation", "defense-evasion", "credential-access", "discovery",
                "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");
        assertThat(data.tactics().get(0)).isEqualTo(new Tactic("TA0043", "reconnaissance", "Reconnaissance", 0));
        assertThat(data.tactics().get(13)).isEqualTo(new Tactic("TA0040", "impact", "Impact", 13));
    }

    @Test
    void corpusTechniqueCounts() {
        assertThat(data.techniques()).hasSize(835);
        assertThat(data.techniques().stream().filter(Technique::isSubtechnique).count()).isEqualTo(479);
        assertThat(data.techniques().stream().filter(Technique::revoked).count()).isEqualTo(132);
        assertThat(data.techniques().stream().filter(Technique::deprecated).count()).isEqualTo(12);
        assertThat(data.techniques().stream().filter(technique -> !technique.known()).count()).isZero();
    }

    @Test
    void corpusNativeApi() {
        Technique nativeApi = byId.get("T1106");

        assertThat(nativeApi.name()).isEqualTo("Native API");
        assertThat(nativeApi.tactics()).containsExactly("execution");
        assertThat(nativeApi.parentId()).isNull();
        assertThat(nativeApi.platforms()).containsExactly("Linux", "macOS", "Windows");
        assertThat(nativeApi.url()).isEqualTo("https://attack.mitre.org/techniques/T1106");
        assertThat(nativeApi.revoked()).isFalse();
        assertThat(nativeApi.deprecated()).isFalse();
    }

    @Test
    void corpusDllInjectionIsSubtechnique() {
        Technique injection = byId.get("T1055.001");

        assertThat(injection.name()).isEqualTo("Dynamic-link Library Injection");
        assertThat(injection.parentId()).isEqualTo("T1055");
        assertThat(injection.tactics()).containsExactly("privilege-escalation", "defense-evasion");
        assertThat(injection.description()).startsWith("Adversaries may inject dynamic-link libraries (DLLs)");
    }

    @Test
    void corpusRevocations() {
        assertThat(data.revokedBy()).hasSize(132);
        assertThat(data.revokedBy()).containsEntry("T1143", "T1564.003");
        assertThat(data.replacementOf("T1143")).isEqualTo("T1564.003");
        List<String> revokedWithoutReplacement = data.techniques().stream()
                .filter(Technique::revoked)
                .map(Technique::id)
                .filter(id -> !data.revokedBy().containsKey(id))
                .toList();
        assertThat(revokedWithoutReplacement).isEmpty();
    }

    @Test
    void corpusTechniquesSortedById() {
        List<String> ids = data.techniques().stream().map(Technique::id).toList();

        assertThat(ids).isSorted();
        assertThat(ids.get(0)).isEqualTo("T1001");
    }
}
