package org.detectionatlas.sources.sigma;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;

/**
 * Prints files, rules, parse status per collection, diagnostic counts by code and the read time
 * of the real Sigma corpus. Run with the corpus root as the only argument.
 */
public final class SigmaCorpusStats {

    private SigmaCorpusStats() {}

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        SigmaReader reader = new SigmaReader();
        reader.read(root);
        long start = System.nanoTime();
        RuleReadResult result = reader.read(root);
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, int[]> byCollection = new TreeMap<>();
        Map<String, Integer> byCode = new TreeMap<>();
        for (Rule rule : result.rules()) {
            int[] counts = byCollection.computeIfAbsent(rule.collection(), key -> new int[4]);
            counts[0]++;
            counts[1 + rule.parseStatus().ordinal()]++;
            for (Diagnostic diagnostic : rule.diagnostics()) {
                byCode.merge(diagnostic.kind() + " " + diagnostic.code(), 1, Integer::sum);
            }
        }
        System.out.printf("files %d, rules %d, read in %d ms (second run)%n", result.files(),
                result.rules().size(), millis);
        System.out.printf("%-24s %6s %7s %7s %6s%n", "collection", "rules", ParseStatus.PARSED, ParseStatus.PARTIAL,
                ParseStatus.FAILED);
        byCollection.forEach((collection, counts) -> System.out.printf("%-24s %6d %7d %7d %6d%n", collection,
                counts[0], counts[1], counts[2], counts[3]));
        byCode.forEach((code, count) -> System.out.printf("%-40s %d%n", code, count));
        if (args.length > 1) {
            result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                    .filter(diagnostic -> diagnostic.code().equals(args[1]))
                    .forEach(System.out::println);
        }
    }
}
