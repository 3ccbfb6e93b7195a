package org.detectionatlas.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;

/**
 * How much of the active rules' field tests the field dictionary maps onto canonical fields.
 *
 * <p>The unit is one predicate occurrence with a field: a rule testing {@code Image} three times
 * counts three. Free-text predicates have no field to map and are left out of both the
 * numerator and the denominator.
 */
public final class FieldCoverage {

    /**
     * Share of mapped predicate occurrences.
     *
     * @param windows share over the active rules that read Windows events, 0 to 1
     * @param all share over every active rule, 0 to 1
     */
    public record Share(double windows, double all) {}

    /**
     * One vendor field that the dictionary does not map.
     *
     * @param vendor sigma, elastic or splunk
     * @param field the field as the rules spell it
     * @param occurrences predicate occurrences in active rules
     * @param rules active rules testing the field
     * @param windowsOccurrences the occurrences in rules that read Windows events
     * @param sampleRule the vendor id of one rule testing it, to look it up
     */
    public record UnmappedField(String vendor, String field, int occurrences, int rules, int windowsOccurrences,
            String sampleRule) {}

    private final Share share;
    private final long windowsTests;
    private final long allTests;
    private final List<UnmappedField> unmapped;

    private FieldCoverage(Share share, long windowsTests, long allTests, List<UnmappedField> unmapped) {
        this.share = share;
        this.windowsTests = windowsTests;
        this.allTests = allTests;
        this.unmapped = unmapped;
    }

    /**
     * Counts the field tests of the active rules. A predicate is mapped when its field, after
     * normalization, is one of {@code canonicalFields}.
     */
    public static FieldCoverage of(List<Rule> rules, Set<String> canonicalFields) {
        long[] windows = new long[2];
        long[] all = new long[2];
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Set<String>> rulesByField = new HashMap<>();
        Map<String, String> samples = new HashMap<>();
        for (Rule rule : rules) {
            if (!rule.active() || rule.tree() == null) {
                continue;
            }
            boolean isWindows = readsWindows(rule);
            for (Predicate predicate : TreeWalk.predicates(rule.tree())) {
                if (predicate.field() == null) {
                    continue;
                }
                boolean mapped = canonicalFields.contains(predicate.field());
                tally(all, mapped);
                if (isWindows) {
                    tally(windows, mapped);
                }
                if (!mapped) {
                    String spelling = predicate.vendorField() == null ? predicate.field() : predicate.vendorField();
                    String key = rule.vendor().id() + "\t" + spelling;
                    int[] count = counts.computeIfAbsent(key, k -> new int[2]);
                    count[0]++;
                    if (isWindows) {
                        count[1]++;
                    }
                    rulesByField.computeIfAbsent(key, k -> new HashSet<>()).add(rule.id());
                    samples.putIfAbsent(key, rule.id());
                }
            }
        }
        List<UnmappedField> list = new ArrayList<>();
        counts.forEach((key, count) -> {
            String[] parts = key.split("\t", 2);
            list.add(new UnmappedField(parts[0], parts[1], count[0], rulesByField.get(key).size(), count[1],
                    samples.get(key)));
        });
        list.sort(Comparator.comparingInt(UnmappedField::occurrences).reversed()
                .thenComparing(UnmappedField::vendor).thenComparing(UnmappedField::field));
        return new FieldCoverage(new Share(ratio(windows), ratio(all)), windows[1], all[1], List.copyOf(list));
    }

    public Share share() {
        return share;
    }

    /** Returns how many field tests the active rules reading Windows events hold. */
    public long windowsTests() {
        return windowsTests;
    }

    /** Returns how many field tests the active rules hold. */
    public long allTests() {
        return allTests;
    }

    /** Returns the unmapped vendor fields, most occurrences first. */
    public List<UnmappedField> unmapped() {
        return unmapped;
    }

    /**
     * Returns whether the rule reads Windows events: Sigma product windows, Elastic tag
     * {@code OS: Windows}, or a Splunk data source of a Windows log (Sysmon on Windows, Windows
     * event logs, PowerShell, NTLM).
     */
    public static boolean readsWindows(Rule rule) {
        if (rule.vendor() == Vendor.SIGMA) {
            return rule.logsource().getOrDefault("product", List.of()).stream()
                    .anyMatch(product -> product.equalsIgnoreCase("windows"));
        }
        if (rule.vendor() == Vendor.ELASTIC) {
            return rule.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase("OS: Windows"));
        }
        for (String source : rule.logsource().getOrDefault("data_source", List.of())) {
            String lower = source.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("sysmon eventid") || lower.startsWith("windows") || lower.startsWith("powershell")
                    || lower.startsWith("ntlm"))) {
                return true;
            }
        }
        return false;
    }

    private static void tally(long[] counts, boolean mapped) {
        counts[1]++;
        if (mapped) {
            counts[0]++;
        }
    }

    private static double ratio(long[] counts) {
        if (counts[1] == 0) {
            return 0;
        }
        return Math.round(counts[0] * 10000.0 / counts[1]) / 10000.0;
    }
}
