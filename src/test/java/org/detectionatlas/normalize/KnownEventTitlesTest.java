package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.model.EventKey;
import org.junit.jupiter.api.Test;

class KnownEventTitlesTest {
    private static final KnownEventTitles TITLES = KnownEventTitles.loadDefault();
    private static final EventKey SERVICE_INSTALLED = new EventKey("Service Control Manager", "7045");

    @Test
    void missingTitleTakesKnownOne() {
        assertThat(TITLES.better(SERVICE_INSTALLED, "")).isEqualTo("A service was installed in the system");
    }

    @Test
    void genericTitleTakesKnownOne() {
        assertThat(TITLES.better(new EventKey("Microsoft-Windows-Security-Auditing", "4887"), "Event 4887"))
                .isEqualTo("Certificate Services approved a certificate request and issued a certificate");
    }

    @Test
    void catalogTitleIsKept() {
        assertThat(TITLES.better(SERVICE_INSTALLED, "Service installed")).isEqualTo("Service installed");
    }

    @Test
    void unknownEventKeepsGenericTitle() {
        assertThat(TITLES.better(new EventKey("Some-Provider", "1"), "Event 1")).isEqualTo("Event 1");
        assertThat(TITLES.title(new EventKey("Some-Provider", "1"))).isEmpty();
    }
}
