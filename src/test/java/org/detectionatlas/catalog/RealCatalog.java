package org.detectionatlas.catalog;

import org.detectionatlas.TestCorpus;
import org.detectionatlas.analyze.CatalogIndex;

/** The catalog of the real corpus, built once per test run and shared by the tests that read it. */
public final class RealCatalog {
    private static CatalogIndex index;

    private RealCatalog() {}

    public static synchronized CatalogIndex index() {
        if (index == null) {
            index = new CatalogIndex(new CatalogBuilder().build(TestCorpus.root(), message -> { }));
        }
        return index;
    }
}
