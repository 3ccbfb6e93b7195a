package org.detectionatlas.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.detectionatlas.model.Rule;
import org.detectionatlas.sources.sigma.SigmaReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reads and parses every Sigma rule file of the corpus (files read from disk, YAML parsed,
 * predicate trees built) in a warm JVM. The corpus root comes from the system property
 * {@code atlas.corpus}; bench/jmh.sh sets it and runs this benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SigmaParseBenchmark {

    private Path corpus;
    private List<Path> files;

    @Setup(Level.Trial)
    public void listFiles() {
        corpus = Path.of(System.getProperty("atlas.corpus", "../shared/corpus")).toAbsolutePath().normalize();
        files = SigmaReader.ruleFiles(corpus);
        if (files.isEmpty()) {
            throw new IllegalStateException("No Sigma rule files under " + corpus + "/sigma; set -Datlas.corpus=DIR.");
        }
    }

    /** Reads all files on every available core, as the catalog build does. */
    @Benchmark
    public int readAllParallel() {
        return new SigmaReader().read(corpus).rules().size();
    }

    /** Reads all files on one thread, to compare with single-threaded parsers. */
    @Benchmark
    public int readAllOneThread() {
        int rules = 0;
        for (Path file : files) {
            List<Rule> read = SigmaReader.readFile(file, corpus.relativize(file).toString().replace('\\', '/'));
            rules += read.size();
        }
        return rules;
    }
}
