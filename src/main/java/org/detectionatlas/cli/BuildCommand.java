package org.detectionatlas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.catalog.CatalogSnapshot;
import org.detectionatlas.text.Plurals;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Builds the catalog of a corpus and writes it as a snapshot that {@code serve --snapshot} starts from. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the catalog of a corpus and write it to a snapshot file for 'atlas serve --snapshot'.")
final class BuildCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusOption corpus;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Snapshot file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        CatalogIndex index = corpus.load();
        long start = System.nanoTime();
        CatalogSnapshot.write(index.catalog(), out);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!corpus.quiet) {
            spec.commandLine().getErr().println("atlas: wrote " + Plurals.count(index.catalog().rules().size(), "rule")
                    + " to " + out + " (" + fileSize(out) + " in " + millis + " ms)");
        }
        return AtlasCommand.EXIT_OK;
    }

    /** Returns the size of a written file for a "wrote" line: bytes below 1 KiB, else whole KiB. */
    static String fileSize(Path file) throws IOException {
        long bytes = Files.size(file);
        return bytes < 1024 ? Plurals.count(bytes, "byte") : bytes / 1024 + " KiB";
    }
}
