package org.detectionatlas.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.catalog.CatalogBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --corpus DIR} option every command takes, and the catalog build behind it. */
final class CorpusOption {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "${env:ATLAS_CORPUS}",
            description = "Corpus folder containing any of sigma/, elastic/, splunk/, attack/, events/"
                    + " (default: the ATLAS_CORPUS environment variable).")
    Path corpus;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress while reading the corpus.")
    boolean quiet;

    /** Reads and indexes the corpus, printing progress on standard error unless --quiet. */
    CatalogIndex load() {
        if (corpus == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing --corpus DIR: name the corpus folder, for example --corpus ../shared/corpus.");
        }
        Consumer<String> progress = quiet ? message -> { } : new ProgressBar(spec.commandLine().getErr(),
                System.console() != null);
        Catalog catalog = new CatalogBuilder().build(corpus, progress);
        if (progress instanceof ProgressBar bar) {
            bar.finish();
        }
        return new CatalogIndex(catalog);
    }
}
