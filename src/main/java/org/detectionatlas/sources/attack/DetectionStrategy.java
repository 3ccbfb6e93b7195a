package org.detectionatlas.sources.attack;

import java.util.List;
import org.detectionatlas.model.EventKey;

/**
 * An ATT&amp;CK detection strategy (ATT&amp;CK v18 and later) with its analytics.
 *
 * @param id such as DET0001
 * @param analytics the analytics the strategy lists, in bundle order
 */
public record DetectionStrategy(String id, String name, List<Analytic> analytics) {
    public DetectionStrategy {
        analytics = List.copyOf(analytics);
    }

    /**
     * One analytic of a detection strategy.
     *
     * @param id such as AN0110
     * @param platforms the platforms the analytic covers
     * @param logSources the log sources it names
     */
    public record Analytic(String id, List<String> platforms, List<LogSource> logSources) {
        public Analytic {
            platforms = List.copyOf(platforms);
            logSources = List.copyOf(logSources);
        }
    }

    /**
     * A log source an analytic names, such as WinEventLog:Security with channel EventCode=4688.
     *
     * @param dataComponent the name of the data component it belongs to, such as Process Creation
     * @param events the catalog events it names, empty when the name or channel maps to none
     */
    public record LogSource(String name, String channel, String dataComponent, List<EventKey> events) {
        public LogSource {
            events = List.copyOf(events);
        }
    }
}
