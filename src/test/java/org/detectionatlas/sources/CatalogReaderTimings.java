package org.detectionatlas.sources;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.detectionatlas.model.CatalogEvent;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.sources.attack.AttackData;
import org.detectionatlas.sources.attack.AttackReader;
import org.detectionatlas.sources.events.EventCatalogData;
import org.detectionatlas.sources.events.EventCatalogReader;

/**
 * Prints what the ATT&amp;CK and event catalog readers read from a corpus and how long each of
 * five runs took, so timings can be repeated outside the unit tests. Run after
 * {@code mvn -o -q test-compile} with the corpus root as the only argument.
 */
public final class CatalogReaderTimings {

    private static final int RUNS = 5;

    private CatalogReaderTimings() {}

    public static void main(String[] args) {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        AttackData attack = null;
        EventCatalogData events = null;
        for (int run = 1; run <= RUNS; run++) {
            long start = System.nanoTime();
            attack = new AttackReader().read(corpus);
            long middle = System.nanoTime();
            events = new EventCatalogReader().read(corpus);
            long end = System.nanoTime();
            System.out.printf("run %d: attack %d ms, events %d ms%n", run, (middle - start) / 1_000_000,
                    (end - middle) / 1_000_000);
        }

        System.out.printf("attack %s: %d tactics, %d techniques, %d revoked-by, %d diagnostics%n",
                attack.version(), attack.tactics().size(), attack.techniques().size(), attack.revokedBy().size(),
                attack.diagnostics().size());
        Map<String, Integer> perProvider = new TreeMap<>();
        for (CatalogEvent event : events.events()) {
            perProvider.merge(event.shortProvider(), 1, Integer::sum);
        }
        System.out.printf("events: %d events, %d diagnostics%n", events.events().size(),
                events.diagnostics().size());
        perProvider.forEach((provider, count) -> System.out.printf("  %-50s %d%n", provider, count));
        for (Diagnostic diagnostic : events.diagnostics()) {
            System.out.println("  " + diagnostic);
        }
    }
}
