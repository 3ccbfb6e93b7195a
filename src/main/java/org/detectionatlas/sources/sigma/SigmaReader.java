package org.detectionatlas.sources.sigma;

import java.nio.file.Path;
import java.util.List;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Vendor;

/** Reads the Sigma rules under {@code <corpus>/sigma}. */
public final class SigmaReader {

    public RuleReadResult read(Path corpusRoot) {
        // TODO: stub until the reader lands.
        return new RuleReadResult(Vendor.SIGMA, 0, List.of(), List.of());
    }
}
