package org.detectionatlas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.detectionatlas.catalog.OpaqueDiagnostics;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.sources.elastic.ElasticReader;
import org.detectionatlas.sources.splunk.SplunkReader;
import org.detectionatlas.model.Rule;
import org.detectionatlas.sources.sigma.SigmaReader;
import picocli.CommandLine;

/** Reads the rules of one file named on the command line, choosing the reader by its content. */
final class RuleFiles {

    /** Bytes of the file inspected to tell a Sigma rule from a Splunk detection. */
    private static final int SNIFF_BYTES = 64 * 1024;

    private RuleFiles() {}

    /**
     * Reads the rules of a file and prints their diagnostics on stderr unless quiet; returns null after an
     * error message when the file is missing or is a folder.
     *
     * @throws CommandLine.ParameterException when the file's format has no reader
     */
    static List<Rule> read(CommandLine commandLine, Path path, boolean quiet) {
        if (Files.isDirectory(path)) {
            commandLine.getErr().println("atlas: " + path + " is a folder; expected a rule file (Sigma or Splunk"
                    + " YAML, Elastic TOML). To read a whole corpus, run 'atlas stats --corpus DIR'.");
            commandLine.getErr().flush();
            return null;
        }
        if (!Files.isRegularFile(path)) {
            commandLine.getErr().println("atlas: rule file " + path + " not found.");
            commandLine.getErr().flush();
            return null;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Rule> rules;
        if (name.endsWith(".toml")) {
            rules = List.of(ElasticReader.readSingleFile(path));
        } else if (!name.endsWith(".yml") && !name.endsWith(".yaml")) {
            throw new CommandLine.ParameterException(commandLine, "Rule file " + path
                    + " is neither YAML nor TOML; expected a Sigma rule or Splunk detection (.yml, .yaml) or an"
                    + " Elastic rule (.toml).");
        } else if (isSplunk(path)) {
            rules = List.of(SplunkReader.readSingleFile(path));
        } else {
            rules = SigmaReader.readFile(path, path.toString().replace('\\', '/'));
        }
        rules = rules.stream().map(OpaqueDiagnostics::addMissing).toList();
        for (Rule rule : rules) {
            for (Diagnostic diagnostic : quiet ? List.<Diagnostic>of() : rule.diagnostics()) {
                commandLine.getErr().println(diagnostic);
            }
        }
        commandLine.getErr().flush();
        return rules;
    }

    private static boolean isSplunk(Path path) {
        String head;
        try (java.io.InputStream input = Files.newInputStream(path)) {
            head = new String(input.readNBytes(SNIFF_BYTES), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The Sigma reader reports the unreadable file with its own diagnostic.
            return false;
        }
        boolean search = head.startsWith("search:") || head.contains("\nsearch:");
        boolean sigma = head.contains("\ndetection:") || head.contains("\ncorrelation:") || head.contains("\nfilter:")
                || head.startsWith("detection:");
        return search && !sigma;
    }
}
