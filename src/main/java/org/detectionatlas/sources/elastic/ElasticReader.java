package org.detectionatlas.sources.elastic;

import java.nio.file.Path;
import java.util.List;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Vendor;

/** Reads the Elastic rules under {@code <corpus>/elastic}. */
public final class ElasticReader {

    public RuleReadResult read(Path corpusRoot) {
        // TODO: stub until the reader lands.
        return new RuleReadResult(Vendor.ELASTIC, 0, List.of(), List.of());
    }
}
