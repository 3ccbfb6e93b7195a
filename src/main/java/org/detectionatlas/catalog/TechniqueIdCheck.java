package org.detectionatlas.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * Keeps malformed ATT&amp;CK ids out of the catalog. A technique id that is not {@code T} and four
 * digits, optionally followed by a dot and three digits, is removed from the rule with an invalid
 * diagnostic, so no technique page is made for it. Sigma tags that start like a technique tag
 * ({@code attack.t9}...) but are malformed get the same diagnostic.
 */
final class TechniqueIdCheck {
    private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern SIGMA_TECHNIQUE_TAG = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");

    private TechniqueIdCheck() {}

    static Rule check(Rule rule) {
        List<String> valid = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (String id : rule.techniques()) {
            if (TECHNIQUE_ID.matcher(id).matches()) {
                valid.add(id);
            } else {
                diagnostics.add(invalid(rule, id));
            }
        }
        if (rule.vendor() == Vendor.SIGMA) {
            for (String tag : rule.tags()) {
                String lower = tag.trim().toLowerCase(Locale.ROOT);
                if (lower.matches("attack\\.t\\d.*") && !SIGMA_TECHNIQUE_TAG.matcher(lower).matches()) {
                    diagnostics.add(invalid(rule, tag.trim()));
                }
            }
        }
        if (diagnostics.isEmpty()) {
            return rule;
        }
        List<Diagnostic> all = new ArrayList<>(rule.diagnostics());
        all.addAll(diagnostics);
        return rule.withTechniques(valid).withDiagnostics(all);
    }

    private static Diagnostic invalid(Rule rule, String id) {
        return Diagnostic.invalid(rule.file(), -1, "invalid-technique-id", "The technique id '" + id
                + "' is not an ATT&CK technique id; expected T and four digits, optionally a dot and three digits"
                + " (T1106, T1055.001). The rule is not counted under it.");
    }
}
