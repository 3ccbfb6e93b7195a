package org.detectionatlas.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.detectionatlas.sources.sigma.SigmaReader;

/**
 * Reads and parses every Sigma rule file on one thread, round after round, and prints each
 * round's thread CPU time next to its wall time. On a shared machine the wall time of
 * {@link SigmaParseBenchmark} includes time spent waiting for a core, while the CPU time counts
 * only this thread's own work.
 *
 * <p>Usage: {@code SigmaParseCpuTime CORPUS_DIR [ROUNDS]}, run by {@code bench/jmh.sh --cpu-time}.
 */
public final class SigmaParseCpuTime {

    private SigmaParseCpuTime() {}

    public static void main(String[] args) {
        Path corpus = Path.of(args[0]).toAbsolutePath().normalize();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<Path> files = SigmaReader.ruleFiles(corpus);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            int rules = 0;
            for (Path file : files) {
                rules += SigmaReader.readFile(file, corpus.relativize(file).toString().replace('\\', '/')).size();
            }
            double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            double wallMillis = (System.nanoTime() - wallStart) / 1e6;
            System.out.printf(Locale.ROOT, "round %2d: %d files, %d rules, cpu %.0f ms, wall %.0f ms,"
                    + " %.0f rules per cpu second%n", round, files.size(), rules, cpuMillis, wallMillis,
                    rules / (cpuMillis / 1000));
        }
    }
}
