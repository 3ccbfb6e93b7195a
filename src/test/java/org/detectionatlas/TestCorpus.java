package org.detectionatlas;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real corpus the integration tests read, set by Maven as {@code atlas.corpus}. */
public final class TestCorpus {
    private TestCorpus() {}

    /** Returns the corpus root, failing the test with the fix when it is missing. */
    public static Path root() {
        String configured = System.getProperty("atlas.corpus", "../shared/corpus");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("sigma"))) {
            throw new IllegalStateException("The real corpus is missing at " + root
                    + ": clone the project beside the shared folder or pass -Datlas.corpus=DIR");
        }
        return root;
    }
}
