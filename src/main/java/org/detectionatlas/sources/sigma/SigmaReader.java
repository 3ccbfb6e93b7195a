package org.detectionatlas.sources.sigma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Vendor;

/**
 * Reads the Sigma rules under {@code <corpus>/sigma}: every {@code .yml} file except those under
 * {@code sigma/regression_data}, which contains test events rather than rules.
 */
public final class SigmaReader {

    /** Reads every rule file in parallel; rules come back sorted by file, then in file order. */
    public RuleReadResult read(Path corpusRoot) {
        Path sigma = corpusRoot.resolve("sigma");
        if (!Files.isDirectory(sigma)) {
            return new RuleReadResult(Vendor.SIGMA, 0, List.of(), List.of(Diagnostic.invalid("sigma", -1,
                    "missing-corpus", "Folder sigma is missing under " + corpusRoot + "; expected a clone of"
                            + " SigmaHQ/sigma there.")));
        }
        List<Path> files = ruleFilesUnder(sigma);
        List<Rule> rules = files.parallelStream()
                .map(path -> readFile(corpusRoot, path))
                .flatMap(List::stream)
                .collect(Collectors.toCollection(ArrayList::new));
        return new RuleReadResult(Vendor.SIGMA, files.size(), SigmaLinks.link(rules), List.of());
    }

    /** Returns the rule files of a corpus's sigma folder, sorted by path. */
    public static List<Path> ruleFiles(Path corpusRoot) {
        return ruleFilesUnder(corpusRoot.resolve("sigma"));
    }

    /** Returns the rule files under a sigma folder, sorted by path. */
    static List<Path> ruleFilesUnder(Path sigma) {
        Path regressionData = sigma.resolve("regression_data");
        try (Stream<Path> walk = Files.walk(sigma)) {
            return walk.filter(path -> !path.startsWith(regressionData))
                    .filter(path -> path.getFileName().toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the Sigma rules under " + sigma, e);
        }
    }

    /**
     * Reads one rule file outside a corpus walk, such as a file named on the command line.
     *
     * @param file the path shown in rules and diagnostics; corpus files use their path relative
     *     to the corpus root, starting with sigma/
     */
    public static List<Rule> readFile(Path path, String file) {
        return new SigmaFileReader(file).read(path);
    }

    private static List<Rule> readFile(Path corpusRoot, Path path) {
        String file = corpusRoot.relativize(path).toString().replace('\\', '/');
        return new SigmaFileReader(file).read(path);
    }
}
