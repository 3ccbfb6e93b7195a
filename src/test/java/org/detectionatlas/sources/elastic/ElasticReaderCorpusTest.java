package org.detectionatlas.sources.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ElasticReaderCorpusTest {
    private static RuleReadResult result;

    @BeforeAll
    static void readCorpus() {
        long started = System.nanoTime();
        result = new ElasticReader().read(TestCorpus.root());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Elastic corpus read in " + millis + " ms");
        Map<String, Map<ParseStatus, Long>> byLanguage = new TreeMap<>();
        for (Rule rule : result.rules()) {
            String key = rule.collection() + "/" + rule.language();
            byLanguage.computeIfAbsent(key, k -> new TreeMap<>()).merge(rule.parseStatus(), 1L, Long::sum);
        }
        byLanguage.forEach((key, counts) -> System.out.println(key + " " + counts));
        Map<String, Long> codes = result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                .collect(Collectors.groupingBy(Diagnostic::code, TreeMap::new, Collectors.counting()));
        System.out.println("diagnostics " + codes);
        result.rules().stream().flatMap(rule -> rule.diagnostics().stream())
                .filter(d -> d.kind() == Diagnostic.Kind.INVALID).limit(40).forEach(System.out::println);
    }

    @Test
    void everyTomlFileIsOneRule() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(TestCorpus.root().resolve("elastic"))) {
            files = walk.filter(path -> path.toString().endsWith(".toml"))
                    .map(path -> TestCorpus.root().relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(result.files()).isEqualTo(files.size());
        assertThat(result.rules().stream().map(Rule::file).sorted().toList()).isEqualTo(files);
    }
}
