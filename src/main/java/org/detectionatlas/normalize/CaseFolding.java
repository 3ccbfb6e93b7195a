package org.detectionatlas.normalize;

import java.util.Locale;
import java.util.Set;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;

/**
 * Folds a predicate's value to lower case for comparing tests across rules, so Sigma
 * {@code rundll32.exe}, Elastic {@code RUNDLL32.EXE} and Splunk {@code Rundll32.exe} are one
 * indicator. The tree keeps the value as written; only the comparison key is folded.
 *
 * <p>A case-insensitive test is always folded. A case-sensitive test (Elastic keyword fields,
 * Sigma {@code |cased}) is folded only on the file-system and registry fields that Windows
 * compares without case. Regular expressions are never folded because {@code \D} and
 * {@code \d} differ.
 */
public final class CaseFolding {

    /** Fields whose values Windows compares case-insensitively: file names, paths, registry keys. */
    static final Set<String> CASE_INSENSITIVE_FIELDS = Set.of(
            "process.name", "process.executable", "process.parent.name", "process.parent.executable",
            "process.target.name", "process.target.executable", "process.pe.original_file_name",
            "dll.name", "dll.path", "file.name", "file.path", "file.extension", "file.directory",
            "registry.path", "registry.key", "registry.value", "registry.hive");

    private CaseFolding() {}

    /** Returns the value of the predicate as it is compared with other rules' values. */
    public static String fold(Predicate predicate) {
        String value = predicate.value();
        if (predicate.operator() == Operator.REGEX_MATCH) {
            return value;
        }
        if (!predicate.caseSensitive() || CASE_INSENSITIVE_FIELDS.contains(predicate.field())) {
            return value.toLowerCase(Locale.ROOT);
        }
        return value;
    }
}
