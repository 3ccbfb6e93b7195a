package org.detectionatlas.normalize;

import java.util.Set;

/**
 * Splunk CIM data-model datasets whose name prefixes a field in tstats searches, such as
 * {@code Processes} in {@code Processes.process_name}.
 */
final class SplunkDatasets {

    // Datasets of the CIM data models that the security_content detections search.
    private static final Set<String> NAMES = Set.of(
            "Processes", "Registry", "Filesystem", "Services", "Ports", "All_Traffic", "DNS", "Web", "Proxy",
            "Authentication", "All_Changes", "Account_Management", "Endpoint_Changes", "All_Risk", "All_Email",
            "Vulnerabilities", "Updates", "IDS_Attacks", "All_Sessions", "Alerts", "All_UEBA");

    private SplunkDatasets() {}

    /** Splits {@code Processes.process_name} into its dataset and field, or returns null. */
    static String[] splitPrefix(String field) {
        int dot = field.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String prefix = field.substring(0, dot);
        return NAMES.contains(prefix) ? new String[] {prefix, field.substring(dot + 1)} : null;
    }

    /** Returns the dataset part of a data model: {@code Processes} for {@code Endpoint.Processes}. */
    static String datasetOf(String dataModel) {
        int dot = dataModel.lastIndexOf('.');
        return dot < 0 ? dataModel : dataModel.substring(dot + 1);
    }
}
