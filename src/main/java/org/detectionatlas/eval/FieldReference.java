package org.detectionatlas.eval;

import java.util.Arrays;
import java.util.List;
import org.detectionatlas.model.Node;

/**
 * A Sigma {@code fieldref} test kept as an opaque part by the reader: its text is
 * {@code Field|fieldref[|modifiers]: OtherField}, and it compares the two fields' values,
 * ignoring case unless {@code cased}, as equality or with startswith, endswith or contains.
 */
record FieldReference(String field, String other, String comparison, boolean cased) {

    /** Reads the opaque part back, or returns null when it is not a fieldref test. */
    static FieldReference parse(Node.Opaque opaque) {
        if (!opaque.reason().startsWith("fieldref: ")) {
            return null;
        }
        String text = opaque.text();
        int colon = text.indexOf(": ");
        if (colon < 0) {
            return null;
        }
        List<String> parts = Arrays.asList(text.substring(0, colon).split("\\|", -1));
        if (!parts.contains("fieldref") || parts.get(0).isEmpty()) {
            return null;
        }
        String comparison = "eq";
        for (String modifier : List.of("contains", "startswith", "endswith")) {
            if (parts.contains(modifier)) {
                comparison = modifier;
            }
        }
        return new FieldReference(parts.get(0), text.substring(colon + 2), comparison, parts.contains("cased"));
    }

    boolean test(String value, String reference) {
        String left = cased ? value : value.toLowerCase(java.util.Locale.ROOT);
        String right = cased ? reference : reference.toLowerCase(java.util.Locale.ROOT);
        switch (comparison) {
            case "contains":
                return left.contains(right);
            case "startswith":
                return left.startsWith(right);
            case "endswith":
                return left.endsWith(right);
            default:
                return left.equals(right);
        }
    }
}
