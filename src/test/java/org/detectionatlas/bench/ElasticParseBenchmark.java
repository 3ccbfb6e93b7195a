package org.detectionatlas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.sources.elastic.ElasticReader;
import org.detectionatlas.sources.elastic.EqlParser;
import org.detectionatlas.sources.elastic.EsqlParser;
import org.detectionatlas.sources.elastic.KqlParser;
import org.detectionatlas.sources.elastic.QuerySyntaxException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of reading the whole Elastic corpus: the full reader (TOML, parse, trees, in
 * parallel as the catalog build runs it) and the four query parsers alone on every query of
 * the corpus, one thread. Run through bench/jmh-elastic.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
public class ElasticParseBenchmark {

    /** Corpus root; empty means the one Maven's atlas.corpus property or ../shared/corpus names. */
    @Param("")
    public String corpus;

    private Path root;
    private List<String> kql;
    private List<String> eql;
    private List<String> esql;
    private List<String> lucene;

    @Setup(Level.Trial)
    public void collectQueries() {
        root = corpus.isEmpty() ? TestCorpus.root() : Path.of(corpus);
        RuleReadResult result = new ElasticReader().read(root);
        kql = new ArrayList<>();
        eql = new ArrayList<>();
        esql = new ArrayList<>();
        lucene = new ArrayList<>();
        for (Rule rule : result.rules()) {
            if (rule.query().isEmpty()) {
                continue;
            }
            switch (rule.language()) {
                case "kql" -> kql.add(rule.query());
                case "eql" -> eql.add(rule.query());
                case "esql" -> esql.add(rule.query());
                case "lucene" -> lucene.add(rule.query());
                default -> { }
            }
        }
        System.out.printf("%nqueries: kql %d, eql %d, esql %d, lucene %d%n", kql.size(), eql.size(), esql.size(),
                lucene.size());
    }

    /** Reads every TOML file of the corpus into rules, as the catalog build does. */
    @Benchmark
    public RuleReadResult readCorpus() {
        return new ElasticReader().read(root);
    }

    @Benchmark
    public void parseKql(Blackhole sink) throws QuerySyntaxException {
        for (String query : kql) {
            sink.consume(KqlParser.parse(query));
        }
    }

    @Benchmark
    public void parseEql(Blackhole sink) {
        for (String query : eql) {
            try {
                sink.consume(EqlParser.parse(query));
            } catch (QuerySyntaxException e) {
                sink.consume(e);
            }
        }
    }

    @Benchmark
    public void parseEsql(Blackhole sink) {
        for (String query : esql) {
            sink.consume(EsqlParser.parse(query));
        }
    }

    @Benchmark
    public void parseLucene(Blackhole sink) throws QuerySyntaxException {
        for (String query : lucene) {
            sink.consume(KqlParser.parseLucene(query));
        }
    }
}
