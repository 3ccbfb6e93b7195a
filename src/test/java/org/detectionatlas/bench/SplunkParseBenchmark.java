package org.detectionatlas.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.sources.splunk.SplQueryParser;
import org.detectionatlas.sources.splunk.SplunkReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time to read the whole Splunk security_content corpus. Run it with {@code bench/jmh-splunk.sh}.
 *
 * <ul>
 *   <li>{@code parseExpandedSearches}: the SPL parser alone, on one thread, over every detection's
 *       search with its macros already expanded (the grammar, the visitors and the field scope);
 *   <li>{@code readCorpus}: what the catalog build pays, from the files on disk to rules: YAML,
 *       macro expansion, parsing and event mapping, with the reader's parallel streams.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class SplunkParseBenchmark {

    private Path corpus;
    private List<String> searches;

    @Setup
    public void load() {
        corpus = TestCorpus.root();
        RuleReadResult read = new SplunkReader().read(corpus);
        searches = read.rules().stream()
                .map(rule -> rule.properties().get("expandedSearch"))
                .filter(search -> search != null)
                .toList();
        System.out.println("searches: " + searches.size() + ", characters: "
                + searches.stream().mapToInt(String::length).sum());
    }

    @Benchmark
    public void parseExpandedSearches(Blackhole sink) {
        for (String search : searches) {
            sink.consume(SplQueryParser.parse(search));
        }
    }

    @Benchmark
    public RuleReadResult readCorpus() {
        return new SplunkReader().read(corpus);
    }
}
