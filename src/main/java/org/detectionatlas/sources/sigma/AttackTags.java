package org.detectionatlas.sources.sigma;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ATT&amp;CK techniques and tactics from Sigma tags such as {@code attack.t1106}. */
final class AttackTags {

    /**
     * ATT&amp;CK tactic short names: the fourteen enterprise tactics of ATT&amp;CK 18.1, plus
     * stealth and defense-impairment, which SigmaHQ rules tag as tactics although 18.1 lacks them.
     */
    static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery",
            "lateral-movement", "collection", "command-and-control", "exfiltration", "impact", "stealth",
            "defense-impairment");

    private static final Pattern TECHNIQUE_TAG = Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)",
            Pattern.CASE_INSENSITIVE);

    /** Returns the upper-case technique ids of {@code attack.tNNNN[.NNN]} tags, in tag order, once each. */
    static List<String> techniques(List<String> tags) {
        Set<String> techniques = new LinkedHashSet<>();
        for (String tag : tags) {
            Matcher matcher = TECHNIQUE_TAG.matcher(tag.trim());
            if (matcher.matches()) {
                techniques.add(matcher.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(techniques);
    }

    /** Returns the tactic short names of {@code attack.<tactic>} tags, with underscores read as hyphens. */
    static List<String> tactics(List<String> tags) {
        Set<String> tactics = new LinkedHashSet<>();
        for (String tag : tags) {
            String lower = tag.trim().toLowerCase(Locale.ROOT);
            if (lower.startsWith("attack.")) {
                String name = lower.substring("attack.".length()).replace('_', '-');
                if (TACTICS.contains(name)) {
                    tactics.add(name);
                }
            }
        }
        return List.copyOf(tactics);
    }

    /** Returns CVE ids of {@code cve.2021-44228} tags, upper-cased as CVE-2021-44228, in tag order. */
    static List<String> cves(List<String> tags) {
        Set<String> cves = new LinkedHashSet<>();
        for (String tag : tags) {
            String lower = tag.trim().toLowerCase(Locale.ROOT);
            if (lower.matches("cve\\.\\d{4}-\\d{4,}")) {
                cves.add("CVE-" + lower.substring("cve.".length()));
            }
        }
        return List.copyOf(cves);
    }

    /**
     * Returns the tags that name no technique, tactic or CVE, such as {@code attack.g0007} (a
     * group), {@code attack.s0002} (software), {@code car.2013-05-002} or {@code detection.threat-hunting}.
     */
    static List<String> others(List<String> tags) {
        List<String> others = new java.util.ArrayList<>();
        for (String tag : tags) {
            List<String> one = List.of(tag);
            if (techniques(one).isEmpty() && tactics(one).isEmpty() && cves(one).isEmpty()) {
                others.add(tag.trim());
            }
        }
        return others;
    }

    private AttackTags() {}
}
