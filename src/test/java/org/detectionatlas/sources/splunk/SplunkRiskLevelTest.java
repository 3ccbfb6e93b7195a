package org.detectionatlas.sources.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplunkRiskLevelTest {
    @ParameterizedTest
    @CsvSource({"0, informational", "20, informational", "21, low", "40, low", "56, medium", "64, high",
            "80, high", "81, critical", "100, critical", "'', ''", "n/a, ''"})
    void riskScoreBandsBecomeLevels(String score, String level) {
        assertThat(SplunkDetectionReader.riskLevel(score)).isEqualTo(level);
    }
}
