package org.detectionatlas.normalize;

import java.util.Map;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;

/**
 * Turns a path suffix test into an exact file-name test: WILDCARD {@code *\rundll32.exe} on
 * process.executable becomes EQ {@code rundll32.exe} on process.name. A path ending in
 * {@code \name} (or {@code /name}) contains exactly the file name {@code name}, so both tests
 * match the same events, and the rewrite makes Sigma's {@code Image|endswith} equal to the
 * file-name tests of Elastic and Splunk.
 */
public final class BasenameRewrite implements PredicateRewrite {

    /** Path fields and the field holding the last segment of the same path. */
    static final Map<String, String> NAME_FIELDS = Map.of(
            "process.executable", "process.name",
            "process.parent.executable", "process.parent.name",
            "process.target.executable", "process.target.name",
            "dll.path", "dll.name",
            "file.path", "file.name");

    @Override
    public Predicate rewrite(Predicate predicate) {
        if (predicate.operator() != Operator.WILDCARD || predicate.field() == null) {
            return predicate;
        }
        String nameField = NAME_FIELDS.get(predicate.field());
        if (nameField == null) {
            return predicate;
        }
        String name = fileNameAfterSeparator(predicate.value());
        return name == null ? predicate : predicate.withTest(nameField, Operator.EQ, name);
    }

    /**
     * Returns {@code name} for the patterns {@code *\\name} (an escaped backslash) and
     * {@code *}{@code /name}, or null when the rest of the pattern contains another wildcard,
     * escape or separator.
     */
    static String fileNameAfterSeparator(String pattern) {
        String rest;
        if (pattern.startsWith("*\\\\")) {
            rest = pattern.substring(3);
        } else if (pattern.startsWith("*/")) {
            rest = pattern.substring(2);
        } else {
            return null;
        }
        if (rest.isEmpty()) {
            return null;
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '*' || c == '?' || c == '\\' || c == '/') {
                return null;
            }
        }
        return rest;
    }
}
