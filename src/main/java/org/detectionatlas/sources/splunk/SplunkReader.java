package org.detectionatlas.sources.splunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.sources.splunk.SplunkDataSources.DataSource;
import org.detectionatlas.sources.splunk.SplunkMacros.Macro;

/**
 * Reads the Splunk security_content corpus under {@code <corpus>/splunk}: every detection YAML
 * under {@code detections}, with the macros, data sources and analytic stories it refers to.
 *
 * <p>Macros that detections call but the corpus does not define are reported once each in
 * {@link RuleReadResult#diagnostics()}, with the number of detections that call them. The
 * undefined {@code *_filter} macros are reported together in one diagnostic.
 */
public final class SplunkReader {

    /**
     * Reads one detection file given on its own, as the parse and eval commands do. Inside a
     * corpus (a folder named splunk above it), the corpus's macros, data sources and stories are
     * loaded. Elsewhere every macro is undefined, so each call is kept as an Opaque part.
     */
    public static Rule readSingleFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path corpusRoot = absolute.getParent();
        for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && folder.getFileName().toString().equals("splunk")
                    && folder.getParent() != null) {
                corpusRoot = folder.getParent();
                break;
            }
        }
        Path splunk = corpusRoot.resolve("splunk");
        List<Diagnostic> ignored = new ArrayList<>();
        SplunkMacros macros = new SplunkMacros(loadMacros(corpusRoot, splunk.resolve("macros"), ignored));
        SplunkDataSources dataSources = new SplunkDataSources(
                loadDataSources(corpusRoot, splunk.resolve("data_sources"), ignored));
        Map<String, String> stories = loadStories(corpusRoot, splunk.resolve("stories"), ignored);
        Rule rule = new SplunkDetectionReader(corpusRoot, macros, dataSources, stories).read(absolute).rule();
        if (!Files.isDirectory(splunk.resolve("macros"))) {
            List<Diagnostic> diagnostics = new ArrayList<>(rule.diagnostics());
            diagnostics.add(0, Diagnostic.warning(rule.file(), 0, "no-macros-folder", "No splunk/macros folder was found"
                    + " above " + absolute + ", so no macro is expanded. Read the detection inside a security_content"
                    + " checkout (splunk/detections/...) to expand them."));
            rule = rule.withDiagnostics(diagnostics);
        }
        return rule;
    }

    public RuleReadResult read(Path corpusRoot) {
        Path splunk = corpusRoot.resolve("splunk");
        List<Diagnostic> diagnostics = new ArrayList<>();
        SplunkMacros macros = new SplunkMacros(loadMacros(corpusRoot, splunk.resolve("macros"), diagnostics));
        SplunkDataSources dataSources = new SplunkDataSources(
                loadDataSources(corpusRoot, splunk.resolve("data_sources"), diagnostics));
        Map<String, String> stories = loadStories(corpusRoot, splunk.resolve("stories"), diagnostics);
        SplunkDetectionReader detectionReader = new SplunkDetectionReader(corpusRoot, macros, dataSources, stories);

        List<Path> files = yamlFiles(splunk.resolve("detections"));
        List<SplunkDetectionReader.Read> reads = files.parallelStream().map(detectionReader::read).toList();

        List<Rule> rules = new ArrayList<>(reads.size());
        Map<String, Integer> callers = new TreeMap<>();
        for (SplunkDetectionReader.Read read : reads) {
            rules.add(read.rule());
            for (String macro : read.undefinedMacros()) {
                callers.merge(macro, 1, Integer::sum);
            }
        }
        diagnostics.addAll(undefinedMacroDiagnostics(callers, reads));
        return new RuleReadResult(Vendor.SPLUNK, files.size(), rules, diagnostics);
    }

    private static List<Diagnostic> undefinedMacroDiagnostics(Map<String, Integer> callers,
            List<SplunkDetectionReader.Read> reads) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        int filterMacros = 0;
        for (Map.Entry<String, Integer> entry : callers.entrySet()) {
            if (entry.getKey().endsWith("_filter")) {
                filterMacros++;
                continue;
            }
            diagnostics.add(Diagnostic.warning("splunk/macros", -1, "undefined-macro", "The macro `"
                    + entry.getKey() + "` is called by " + entry.getValue() + " detection(s) but not defined under "
                    + "splunk/macros; a call before the first transforming command becomes an Opaque part of the tree."));
        }
        if (filterMacros > 0) {
            long detections = reads.stream()
                    .filter(read -> read.undefinedMacros().stream().anyMatch(name -> name.endsWith("_filter")))
                    .count();
            diagnostics.add(Diagnostic.warning("splunk/macros", -1, "undefined-filter-macro", filterMacros
                    + " `*_filter` macros called by " + detections + " detection(s) are not defined under "
                    + "splunk/macros; each is an empty customer filter, so it is dropped from the search."));
        }
        return diagnostics;
    }

    private static Map<String, List<Macro>> loadMacros(Path corpusRoot, Path folder, List<Diagnostic> diagnostics) {
        Map<String, List<Macro>> byName = new HashMap<>();
        for (Path file : yamlFiles(folder)) {
            Map<?, ?> yaml = loadSupportFile(corpusRoot, file, diagnostics);
            if (yaml == null) {
                continue;
            }
            String name = SplunkYaml.text(yaml, "name");
            if (name.isEmpty() || !yaml.containsKey("definition")) {
                diagnostics.add(Diagnostic.invalid(relative(corpusRoot, file), -1, "invalid-macro",
                        "The macro file has no name or no definition where both keys were expected."));
                continue;
            }
            Macro macro = new Macro(name, SplunkYaml.text(yaml, "definition"), SplunkYaml.texts(yaml, "arguments"));
            byName.computeIfAbsent(name, key -> new ArrayList<>()).add(macro);
        }
        return byName;
    }

    private static Map<String, DataSource> loadDataSources(Path corpusRoot, Path folder,
            List<Diagnostic> diagnostics) {
        Map<String, DataSource> byName = new HashMap<>();
        for (Path file : yamlFiles(folder)) {
            Map<?, ?> yaml = loadSupportFile(corpusRoot, file, diagnostics);
            if (yaml == null) {
                continue;
            }
            String name = SplunkYaml.text(yaml, "name");
            if (name.isEmpty()) {
                diagnostics.add(Diagnostic.invalid(relative(corpusRoot, file), -1, "invalid-data-source",
                        "The data source file has no name where a name was expected."));
                continue;
            }
            byName.put(name, new DataSource(name, SplunkYaml.text(yaml, "source"),
                    SplunkYaml.text(yaml, "sourcetype"), relative(corpusRoot, file)));
        }
        return byName;
    }

    /** Returns each analytic story's name with its file relative to the corpus root. */
    private static Map<String, String> loadStories(Path corpusRoot, Path folder, List<Diagnostic> diagnostics) {
        Map<String, String> stories = new HashMap<>();
        for (Path file : yamlFiles(folder)) {
            Map<?, ?> yaml = loadSupportFile(corpusRoot, file, diagnostics);
            if (yaml != null && !SplunkYaml.text(yaml, "name").isEmpty()) {
                stories.putIfAbsent(SplunkYaml.text(yaml, "name"), relative(corpusRoot, file));
            }
        }
        return stories;
    }

    private static Map<?, ?> loadSupportFile(Path corpusRoot, Path file, List<Diagnostic> diagnostics) {
        try {
            return SplunkYaml.loadMapping(file);
        } catch (IOException e) {
            diagnostics.add(Diagnostic.invalid(relative(corpusRoot, file), -1, "unreadable-file",
                    "The file could not be read: " + e.getMessage() + "."));
        } catch (SplunkYaml.InvalidYamlException e) {
            diagnostics.add(Diagnostic.invalid(relative(corpusRoot, file), e.line(), "invalid-yaml",
                    "The file is not a valid YAML mapping: " + e.getMessage() + "."));
        }
        return null;
    }

    /** Lists the .yml files under {@code folder}, sorted, or none when it does not exist. */
    static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> path.getFileName().toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + folder, e);
        }
    }

    static String relative(Path corpusRoot, Path file) {
        return corpusRoot.relativize(file).toString().replace('\\', '/');
    }
}
