package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detectionatlas.model.Vendor;

/**
 * The field dictionary: canonical fields and their vendor spellings, some valid only in
 * certain events (scopes). Loaded from {@code fields.tsv}, whose header comment documents
 * the format.
 */
public final class FieldDictionary {

    static final String RESOURCE = "fields.tsv";
    static final List<String> HEADER = List.of("canonical", "vendor", "spelling", "scope");

    private record Entry(String canonical, Set<String> scopes) {}

    private final Map<Vendor, Map<String, List<Entry>>> bySpelling;
    private final Map<String, Map<Vendor, List<String>>> byCanonical;

    private FieldDictionary(Map<Vendor, Map<String, List<Entry>>> bySpelling,
            Map<String, Map<Vendor, List<String>>> byCanonical) {
        this.bySpelling = bySpelling;
        this.byCanonical = byCanonical;
    }

    /** Loads the dictionary shipped with the product. */
    public static FieldDictionary loadDefault() {
        return from(TsvFile.readResource(RESOURCE, HEADER, 3));
    }

    /**
     * Builds the dictionary from a parsed file.
     *
     * @throws DataFileException listing every invalid row with its line number
     */
    public static FieldDictionary from(TsvFile file) {
        Map<Vendor, Map<String, List<Entry>>> bySpelling = new EnumMap<>(Vendor.class);
        Map<String, Map<Vendor, Set<String>>> spellings = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (TsvFile.Row row : file.rows()) {
            String where = file.name() + " line " + row.line() + ": ";
            String canonical = row.cell(0);
            String spelling = row.cell(2);
            Optional<Vendor> vendor = Vendor.fromId(row.cell(1));
            if (!isFieldName(canonical)) {
                errors.add(where + "canonical field \"" + canonical + "\" is invalid, expected a name such as process.name");
                continue;
            }
            if (vendor.isEmpty()) {
                errors.add(where + "vendor \"" + row.cell(1) + "\" is unknown, expected sigma, elastic or splunk");
                continue;
            }
            if (!isFieldName(spelling)) {
                errors.add(where + "spelling \"" + spelling + "\" is invalid, expected a field name without spaces");
                continue;
            }
            Set<String> scopes = parseScopes(row.cell(3));
            String duplicate = null;
            for (String scope : scopes.isEmpty() ? Set.of("") : scopes) {
                Integer earlier = seen.putIfAbsent(vendor.get().id() + "\t" + spelling + "\t" + scope, row.line());
                if (earlier != null && duplicate == null) {
                    duplicate = where + vendor.get().id() + " spelling \"" + spelling + "\" with scope \"" + scope
                            + "\" is already mapped on line " + earlier;
                }
            }
            if (duplicate != null) {
                errors.add(duplicate);
                continue;
            }
            bySpelling.computeIfAbsent(vendor.get(), v -> new HashMap<>())
                    .computeIfAbsent(spelling, s -> new ArrayList<>())
                    .add(new Entry(canonical, scopes));
            spellings.computeIfAbsent(canonical, c -> new EnumMap<>(Vendor.class))
                    .computeIfAbsent(vendor.get(), v -> new LinkedHashSet<>())
                    .addAll(displaySpellings(vendor.get(), spelling, scopes));
        }
        if (!errors.isEmpty()) {
            throw new DataFileException(file.name(), errors);
        }
        Map<String, Map<Vendor, List<String>>> byCanonical = new LinkedHashMap<>();
        spellings.forEach((canonical, perVendor) -> {
            Map<Vendor, List<String>> lists = new EnumMap<>(Vendor.class);
            perVendor.forEach((vendor, names) -> lists.put(vendor, List.copyOf(names)));
            byCanonical.put(canonical, Collections.unmodifiableMap(lists));
        });
        return new FieldDictionary(bySpelling, byCanonical);
    }

    /**
     * Returns the canonical name of a vendor field in a rule whose events have the given
     * scopes. A row scoped to one of {@code scopes} wins over an unscoped row; the first
     * matching scoped row in file order wins among scoped rows.
     */
    public Optional<String> canonical(Vendor vendor, String spelling, Set<String> scopes) {
        List<Entry> entries = bySpelling.getOrDefault(vendor, Map.of()).get(spelling);
        if (entries == null) {
            return Optional.empty();
        }
        String unscoped = null;
        for (Entry entry : entries) {
            if (entry.scopes().isEmpty()) {
                unscoped = entry.canonical();
            } else if (entry.scopes().stream().anyMatch(scopes::contains)) {
                return Optional.of(entry.canonical());
            }
        }
        return Optional.ofNullable(unscoped);
    }

    /**
     * Returns every vendor spelling of a canonical field, by vendor, in file order. Splunk
     * spellings scoped to data-model datasets are shown with their dataset prefix, such as
     * {@code Registry.action}.
     */
    public Map<Vendor, List<String>> spellings(String canonicalField) {
        return byCanonical.getOrDefault(canonicalField, Map.of());
    }

    /** Returns every canonical field in file order. */
    public Set<String> canonicalFields() {
        return Collections.unmodifiableSet(byCanonical.keySet());
    }

    private static List<String> displaySpellings(Vendor vendor, String spelling, Set<String> scopes) {
        if (vendor != Vendor.SPLUNK || scopes.isEmpty()) {
            return List.of(spelling);
        }
        List<String> names = new ArrayList<>();
        for (String scope : scopes) {
            names.add(scope + "." + spelling);
        }
        return names;
    }

    private static Set<String> parseScopes(String cell) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String part : cell.split(",")) {
            if (!part.isBlank()) {
                scopes.add(part.strip());
            }
        }
        return scopes;
    }

    private static boolean isFieldName(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
