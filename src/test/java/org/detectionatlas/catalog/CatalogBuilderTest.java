package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.detectionatlas.model.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBuilderTest {

    @Test
    void missingPartsAreOneWarningEach(@TempDir Path corpus) throws Exception {
        Files.createDirectory(corpus.resolve("sigma"));

        Catalog catalog = new CatalogBuilder().build(corpus, message -> { });

        assertThat(catalog.catalogDiagnostics()).containsExactly(
                missingSource("elastic"), missingSource("splunk"), missingSource("attack"), missingSource("events"));
    }

    private static Diagnostic missingSource(String part) {
        return Diagnostic.warning(part + "/", -1, "missing-source",
                "The corpus has no " + part + "/ folder, so its content is missing from the catalog.");
    }
}
