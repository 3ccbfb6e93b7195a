package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.TestCorpus;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks the data files against the real corpus: the Windows Sigma log sources and field
 * spellings that rules use, the Splunk data models, the Elastic index patterns, and the
 * catalog events of OSSEM-DD.
 */
class NormalizerCorpusTest {

    /** What a Windows Sigma rule declares: its logsource and the fields its detection tests. */
    private record SigmaRule(Map<String, List<String>> logsource, Set<String> fields) {}

    private static Path corpus;
    private static List<SigmaRule> sigmaWindowsRules;

    @BeforeAll
    static void readCorpus() throws IOException {
        corpus = TestCorpus.root();
        try (Stream<Path> files = Files.walk(corpus.resolve("sigma"))) {
            List<Path> ruleFiles = files.filter(path -> path.toString().endsWith(".yml"))
                    .filter(path -> corpus.resolve("sigma").relativize(path).getName(0).toString().startsWith("rules"))
                    .sorted().toList();
            sigmaWindowsRules = ruleFiles.parallelStream().flatMap(NormalizerCorpusTest::readSigma)
                    .filter(rule -> rule.logsource().getOrDefault("product", List.of()).contains("windows"))
                    .toList();
        }
    }

    private static Stream<SigmaRule> readSigma(Path file) {
        List<SigmaRule> rules = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Load load = new Load(LoadSettings.builder().build());
            for (Object document : load.loadAllFromInputStream(in)) {
                if (!(document instanceof Map<?, ?> map) || !(map.get("logsource") instanceof Map<?, ?> logsource)) {
                    continue;
                }
                Map<String, List<String>> declared = new HashMap<>();
                logsource.forEach((key, value) -> {
                    if (value != null) {
                        declared.put(key.toString(), List.of(value.toString()));
                    }
                });
                Set<String> fields = new TreeSet<>();
                if (map.get("detection") instanceof Map<?, ?> detection) {
                    detection.forEach((name, selection) -> collectFields(selection, fields));
                }
                rules.add(new SigmaRule(declared, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules.stream();
    }

    private static void collectFields(Object selection, Set<String> fields) {
        if (selection instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                String field = key.toString().split("\\|", 2)[0];
                // A key such as '|all' applies a modifier to keywords and names no field.
                if (!field.isEmpty()) {
                    fields.add(field);
                }
            }
        } else if (selection instanceof List<?> list) {
            list.forEach(item -> {
                if (item instanceof Map<?, ?>) {
                    collectFields(item, fields);
                }
            });
        }
    }

    @Test
    void sigmaWindowsRuleCount() {
        assertThat(sigmaWindowsRules).hasSize(2872);
    }

    @Test
    void sigmaWindowsLogsourcesWithoutRow() {
        SigmaLogsources table = SigmaLogsources.loadDefault();
        Map<String, Long> unmapped = sigmaWindowsRules.stream()
                .filter(rule -> table.match(rule.logsource()).isEmpty())
                .collect(Collectors.groupingBy(rule -> describe(rule.logsource()), TreeMap::new, Collectors.counting()));

        assertThat(unmapped).isEqualTo(Map.of("product=windows", 1L));
    }

    @Test
    void sigmaTopFieldsResolve() {
        FieldDictionary dictionary = FieldDictionary.loadDefault();
        Map<String, Integer> uses = new HashMap<>();
        Map<String, Integer> resolved = new HashMap<>();
        for (SigmaRule rule : sigmaWindowsRules) {
            Set<String> scopes = new TreeSet<>();
            rule.logsource().forEach((key, values) -> {
                if (!key.equals("product")) {
                    scopes.addAll(values);
                }
            });
            for (String field : rule.fields()) {
                uses.merge(field, 1, Integer::sum);
                if (dictionary.canonical(Vendor.SIGMA, field, scopes).isPresent()) {
                    resolved.merge(field, 1, Integer::sum);
                }
            }
        }
        List<String> top = uses.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(60).map(Map.Entry::getKey).toList();
        Map<String, String> unresolved = new LinkedHashMap<>();
        for (String field : top) {
            int missing = uses.get(field) - resolved.getOrDefault(field, 0);
            if (missing > 0) {
                unresolved.put(field, missing + " of " + uses.get(field));
            }
        }

        // One file_event rule tests FileName, which Sysmon event 11 does not have.
        assertThat(unresolved).isEqualTo(Map.of("FileName", "1 of 14"));
    }

    @Test
    void splunkDataModelsWithoutRow() throws IOException {
        EventSources sources = EventSources.loadDefault();
        Pattern dataModel = Pattern.compile("datamodel=([A-Za-z_]+(?:\\.[A-Za-z_]+)?)");
        Map<String, Long> unmapped = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus.resolve("splunk/detections"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Set<String> models = new TreeSet<>();
                Matcher matcher = dataModel.matcher(text);
                while (matcher.find()) {
                    models.add(matcher.group(1));
                }
                models.stream().filter(model -> sources.dataModel(model).isEmpty())
                        .forEach(model -> unmapped.merge(model, 1L, Long::sum));
            }
        }

        assertThat(unmapped).isEqualTo(Map.ofEntries(
                Map.entry("Alerts", 1L), Map.entry("Certificates.All_Certificates", 1L), Map.entry("Change", 22L), Map.entry("Change.All_Changes", 2L),
                Map.entry("Change_Analysis", 1L), Map.entry("Email", 3L), Map.entry("Intrusion_Detection.IDS_Attacks", 1L),
                Map.entry("Network_Sessions", 1L), Map.entry("Risk.All_Risk", 13L), Map.entry("UEBA", 1L),
                Map.entry("Updates", 1L), Map.entry("Vulnerabilities", 1L), Map.entry("Web", 49L),
                Map.entry("Web.Web", 2L)));
    }

    @Test
    void splunkTopDataModelFieldsResolve() throws IOException {
        FieldDictionary dictionary = FieldDictionary.loadDefault();
        Pattern prefixed = Pattern.compile("\\b([A-Z][A-Za-z_]+)\\.([a-z_]+)\\b");
        Map<String, Integer> uses = new HashMap<>();
        try (Stream<Path> files = Files.walk(corpus.resolve("splunk/detections"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
                Matcher matcher = prefixed.matcher(Files.readString(file, StandardCharsets.UTF_8));
                Set<String> fields = new TreeSet<>();
                while (matcher.find()) {
                    if (SplunkDatasets.splitPrefix(matcher.group()) != null) {
                        fields.add(matcher.group());
                    }
                }
                fields.forEach(field -> uses.merge(field, 1, Integer::sum));
            }
        }
        List<String> unresolved = uses.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(40).map(Map.Entry::getKey)
                .filter(field -> {
                    String[] split = SplunkDatasets.splitPrefix(field);
                    return dictionary.canonical(Vendor.SPLUNK, split[1], Set.of(split[0])).isEmpty();
                })
                .toList();

        assertThat(unresolved).containsExactly("Web.url_length");
    }

    @Test
    void elasticWindowsIndexPatternsMatched() throws IOException {
        EventSources sources = EventSources.loadDefault();
        Pattern index = Pattern.compile("\"(logs-[^\"]+)\"");
        Set<String> matched = new TreeSet<>();
        try (Stream<Path> files = Files.walk(corpus.resolve("elastic/rules/windows"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".toml")).sorted().toList()) {
                Matcher matcher = index.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    String dataset = EventMapper.datasetOfIndex(matcher.group(1));
                    if (sources.dataset(dataset).isPresent()) {
                        matched.add(matcher.group(1));
                    }
                }
            }
        }

        assertThat(matched).containsExactly("logs-system.security*", "logs-windows.powershell*",
                "logs-windows.sysmon_operational-*");
    }

    @Test
    void namedEventsExistInCatalog() throws IOException {
        Set<EventKey> catalog = new TreeSet<>();
        try (Stream<Path> files = Files.walk(corpus.resolve("events/ossem-dd"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yml")).toList()) {
                String provider = null;
                String eventId = null;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("log_source:")) {
                        provider = unquote(line.substring("log_source:".length()));
                    } else if (line.startsWith("event_id:")) {
                        eventId = unquote(line.substring("event_id:".length()));
                    }
                }
                if (provider != null && eventId != null) {
                    catalog.add(new EventKey(provider, eventId));
                }
            }
        }
        Set<EventKey> named = new TreeSet<>(SigmaLogsources.loadDefault().namedEvents());
        named.addAll(EventSources.loadDefault().namedEvents());
        named.removeAll(catalog);

        assertThat(named).extracting(EventKey::toString).containsExactly(
                "Microsoft-Windows-Sysmon/24", "Microsoft-Windows-Sysmon/25", "Microsoft-Windows-Sysmon/27",
                "Microsoft-Windows-Sysmon/28", "Microsoft-Windows-Sysmon/29", "PowerShell/800",
                "Service Control Manager/7045");
    }

    private static String unquote(String text) {
        return text.strip().replace("'", "").replace("\"", "");
    }

    private static String describe(Map<String, List<String>> logsource) {
        return logsource.entrySet().stream().filter(entry -> !entry.getKey().equals("definition")).sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(entry -> entry.getKey() + "=" + String.join(",", entry.getValue()))
                .collect(Collectors.joining(" "));
    }
}
