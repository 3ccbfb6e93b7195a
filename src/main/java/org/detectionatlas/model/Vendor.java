package org.detectionatlas.model;

import java.util.Locale;
import java.util.Optional;

/** A rule corpus: each speaks its own rule format, query languages and field names. */
public enum Vendor {
    SIGMA("Sigma"),
    ELASTIC("Elastic"),
    SPLUNK("Splunk");

    private final String displayName;

    Vendor(String displayName) {
        this.displayName = displayName;
    }

    /** The lower-case id used in URLs, JSON and on the command line: sigma, elastic, splunk. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<Vendor> fromId(String id) {
        for (Vendor vendor : values()) {
            if (vendor.id().equalsIgnoreCase(id)) {
                return Optional.of(vendor);
            }
        }
        return Optional.empty();
    }
}
