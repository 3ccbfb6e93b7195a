package org.detectionatlas.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.detectionatlas.analyze.CatalogStats;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.text.Plurals;
import org.detectionatlas.views.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints what was read from each corpus and how much of it became predicates. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print rule, parse and diagnostic counts per vendor.")
final class StatsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusOption corpus;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        CatalogStats stats = corpus.load().stats();
        if (json) {
            spec.commandLine().getOut().println(Json.write(stats));
            return AtlasCommand.EXIT_OK;
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(java.util.Locale.ROOT, "%-8s %6s %6s %6s %7s %6s   active: %6s %6s %7s %6s%n",
                "vendor", "files", "rules", "parsed", "partial", "failed", "rules", "parsed", "partial", "failed"));
        for (Map.Entry<String, CatalogStats.VendorStats> entry : stats.vendors().entrySet()) {
            CatalogStats.VendorStats vendor = entry.getValue();
            CatalogStats.Counts active = vendor.active();
            out.append(String.format(java.util.Locale.ROOT, "%-8s %6d %6d %6d %7d %6d   active: %6d %6d %7d %6d%n",
                    entry.getKey(), vendor.files(), vendor.rules(), vendor.parsed(), vendor.partial(), vendor.failed(),
                    active.rules(), active.parsed(), active.partial(), active.failed()));
        }
        for (Map.Entry<String, CatalogStats.VendorStats> entry : stats.vendors().entrySet()) {
            out.append(String.format(java.util.Locale.ROOT, "%-8s diagnostics: %s%n", entry.getKey(),
                    diagnosticKinds(entry.getValue().diagnosticKinds())));
        }
        String attackVersion = stats.attackVersion().isEmpty() ? "(no bundle loaded)" : stats.attackVersion();
        out.append(String.format(java.util.Locale.ROOT,
                "ATT&CK %s: %d techniques, %d with active rules, %d named by rules only; %d catalog events%n",
                attackVersion, stats.techniques(), stats.techniquesWithRules(), stats.unknownTechniques(),
                stats.events()));
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return AtlasCommand.EXIT_OK;
    }

    /** Returns counts such as "2 invalid, 0 unsupported, 1 warning", every kind listed even at zero. */
    static String diagnosticKinds(Map<String, Integer> byKind) {
        List<String> parts = new ArrayList<>();
        for (Diagnostic.Kind kind : Diagnostic.Kind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            int count = byKind.getOrDefault(name, 0);
            parts.add(kind == Diagnostic.Kind.WARNING ? Plurals.count(count, name) : count + " " + name);
        }
        return String.join(", ", parts);
    }
}
