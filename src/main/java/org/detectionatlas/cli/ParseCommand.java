package org.detectionatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.detectionatlas.analyze.TreeNotation;
import org.detectionatlas.model.Rule;
import org.detectionatlas.normalize.Normalizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the predicate tree of one rule file. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Print the predicate tree of a rule file (Sigma or Splunk YAML, Elastic TOML); diagnostics go to stderr.")
final class ParseCommand implements Callable<Integer> {
    enum FieldNames { vendor, canonical }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Print no diagnostics on stderr.")
    boolean quiet;

    @Parameters(paramLabel = "FILE", description = "The rule file.")
    Path file;

    @Option(names = "--fields", defaultValue = "vendor", description = "Field names to print: the rule's own"
            + " (vendor) or the unified ones (canonical). One of ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}.")
    FieldNames fields;

    @Override
    public Integer call() {
        List<Rule> rules = RuleFiles.read(spec.commandLine(), file, quiet);
        if (rules == null) {
            return AtlasCommand.EXIT_FAILURE;
        }
        Normalizer normalizer = fields == FieldNames.canonical ? Normalizer.loadDefault() : null;
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        for (Rule rule : rules) {
            if (normalizer != null) {
                rule = normalizer.normalize(rule);
            }
            if (rules.size() > 1) {
                out.println("# " + rule.id() + " " + rule.title());
            }
            failed |= rule.tree() == null;
            out.println(TreeNotation.render(rule.tree(), fields == FieldNames.canonical
                    ? TreeNotation.Fields.CANONICAL : TreeNotation.Fields.VENDOR));
        }
        out.flush();
        return failed ? AtlasCommand.EXIT_FAILURE : AtlasCommand.EXIT_OK;
    }
}
