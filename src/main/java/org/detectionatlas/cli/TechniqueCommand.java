package org.detectionatlas.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.TechniqueReport;
import org.detectionatlas.views.Json;
import org.detectionatlas.views.TechniqueMarkdown;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints one technique's report. */
@Command(name = "technique", mixinStandardHelpOptions = true,
        description = "Print a technique's events, authoring guide and rules.")
final class TechniqueCommand implements Callable<Integer> {
    enum Format { markdown, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusOption corpus;

    @Parameters(paramLabel = "ID", description = "ATT&CK technique id, such as T1106 or T1055.001.")
    String id;

    @Option(names = "--format", defaultValue = "markdown", description = "Output format: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        if (!id.matches("(?i)T\\d{4}(\\.\\d{3})?")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid technique id '" + id + "': expected T followed by four digits, such as T1106 or T1055.001.");
        }
        CatalogIndex index = corpus.load();
        Optional<TechniqueReport> report = index.technique(id);
        if (report.isEmpty()) {
            spec.commandLine().getErr().println("atlas: technique " + id
                    + " not found: neither the ATT&CK bundle nor any rule names it.");
            return AtlasCommand.EXIT_FAILURE;
        }
        String text = format == Format.json ? Json.write(report.get()) : TechniqueMarkdown.render(report.get());
        spec.commandLine().getOut().println(text);
        return AtlasCommand.EXIT_OK;
    }
}
