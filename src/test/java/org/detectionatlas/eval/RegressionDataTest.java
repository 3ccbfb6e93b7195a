package org.detectionatlas.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.analyze.TreeNotation;
import org.detectionatlas.model.Rule;
import org.detectionatlas.sources.sigma.SigmaReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Evaluates every rule named in Sigma's regression data on its events: as in Sigma's own
 * regression test, each JSON file must hold at least one event the rule detects.
 */
class RegressionDataTest {

    private static Map<String, Rule> rulesById;
    private static List<Path> infoFiles;

    @BeforeAll
    static void readCorpus() throws IOException {
        rulesById = new SigmaReader().read(TestCorpus.root()).rules().stream()
                .collect(Collectors.toMap(Rule::id, Function.identity(), (first, second) -> first));
        try (Stream<Path> walk = Files.walk(TestCorpus.root().resolve("sigma/regression_data"))) {
            infoFiles = walk.filter(path -> path.getFileName().toString().equals("info.yml")).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void everyRegressionFileIsDetected() throws Exception {
        Evaluator evaluator = new Evaluator();
        int files = 0;
        int events = 0;
        Map<String, String> failures = new TreeMap<>();
        for (Path info : infoFiles) {
            String ruleId = ruleId(info);
            Rule rule = rulesById.get(ruleId);
            List<Path> jsonFiles = jsonFiles(info.getParent());
            for (Path json : jsonFiles) {
                files++;
                List<Event> fileEvents = EventReader.read(json);
                events += fileEvents.size();
                if (rule == null) {
                    failures.put(json.getFileName().toString(), "rule " + ruleId + " not found");
                    continue;
                }
                Evaluation evaluation = evaluator.evaluate(rule.tree(), fileEvents);
                if (!evaluation.matches()) {
                    failures.put(rule.file(), evaluation.verdict() + " "
                            + TreeNotation.render(rule.tree(), TreeNotation.Fields.VENDOR));
                }
            }
        }

        assertThat(infoFiles).hasSize(203);
        assertThat(files).isEqualTo(202);
        assertThat(events).isEqualTo(238);
        assertThat(failures).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static String ruleId(Path info) throws IOException {
        try (InputStream input = Files.newInputStream(info)) {
            Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromInputStream(input);
            List<Map<String, Object>> metadata = (List<Map<String, Object>>) document.get("rule_metadata");
            return String.valueOf(metadata.get(0).get("id"));
        }
    }

    private static List<Path> jsonFiles(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(path -> path.getFileName().toString().endsWith(".json")).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
