package org.detectionatlas.sources.splunk;

import java.nio.file.Path;
import java.util.List;
import org.detectionatlas.model.RuleReadResult;
import org.detectionatlas.model.Vendor;

/** Reads the Splunk rules under {@code <corpus>/splunk}. */
public final class SplunkReader {

    public RuleReadResult read(Path corpusRoot) {
        // TODO: stub until the reader lands.
        return new RuleReadResult(Vendor.SPLUNK, 0, List.of(), List.of());
    }
}
