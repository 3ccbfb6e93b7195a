package org.detectionatlas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.text.Plurals;
import org.detectionatlas.views.IndicatorCsv;
import org.detectionatlas.views.Json;
import org.detectionatlas.views.NavigatorLayer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes an ATT&amp;CK Navigator layer, a technique or rule JSON, or a CSV of indicators. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the catalog as an ATT&CK Navigator layer, JSON or a CSV of indicators.")
final class ExportCommand implements Callable<Integer> {
    enum Kind { navigator, json, csv }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusOption corpus;

    // Picocli wraps each description line within the option column, so the kinds are listed here
    // rather than in the command description, whose long lines would wrap to column 0.
    @Parameters(paramLabel = "KIND", description = {"What to export: ${COMPLETION-CANDIDATES}.",
        "navigator: an ATT&CK Navigator layer (format 4.5) scoring techniques by rule count.",
        "json: the JSON of --technique or --rule, or the rule counts of every technique.",
        "csv: one row per predicate of the selected rules."})
    Kind kind;

    @Option(names = "--vendor", paramLabel = "VENDOR", description = "Only this vendor's rules: sigma, elastic or splunk.")
    String vendor;

    @Option(names = "--technique", paramLabel = "ID",
            description = "Only the rules of this technique and its sub-techniques, such as T1059.")
    String technique;

    @Option(names = "--rule", paramLabel = "VENDOR/ID", description = "Only this rule, such as sigma/<rule id>.")
    String rule;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "File to write (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Optional<Vendor> vendorFilter = Optional.empty();
        if (vendor != null) {
            vendorFilter = Vendor.fromId(vendor);
            if (vendorFilter.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid --vendor '" + vendor + "': expected sigma, elastic or splunk.");
            }
        }
        if (rule != null && rule.indexOf('/') < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid --rule '" + rule + "': expected VENDOR/ID, such as sigma/<rule id>.");
        }
        CatalogIndex index = corpus.load();
        List<Rule> rules = selectRules(index, vendorFilter);
        if (rules == null) {
            return AtlasCommand.EXIT_FAILURE;
        }
        String text;
        switch (kind) {
            case navigator:
                text = Json.write(NavigatorLayer.of(index.catalog(), rules, "Detection Atlas"
                        + (technique == null ? "" : " · " + technique.toUpperCase(Locale.ROOT))
                        + (vendor == null ? "" : " · " + vendor.toLowerCase(Locale.ROOT)),
                        "Active rules per technique (" + Plurals.count(rules.size(), "rule") + ")."));
                break;
            case json:
                text = json(index);
                if (text == null) {
                    return AtlasCommand.EXIT_FAILURE;
                }
                break;
            default:
                text = IndicatorCsv.write(rules, index, predicate -> true);
        }
        if (out == null) {
            spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
            spec.commandLine().getOut().flush();
        } else {
            long start = System.nanoTime();
            Files.writeString(out, text, StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!corpus.quiet) {
                spec.commandLine().getErr().println("atlas: wrote the " + kind + " export of "
                        + Plurals.count(rules.size(), "rule") + " to " + out + " (" + BuildCommand.fileSize(out)
                        + " in " + millis + " ms)");
            }
        }
        return AtlasCommand.EXIT_OK;
    }

    /** Returns the selected active rules by vendor then title, or null after printing why none can be. */
    private List<Rule> selectRules(CatalogIndex index, Optional<Vendor> vendorFilter) {
        List<Rule> rules = new ArrayList<>();
        if (rule != null) {
            Optional<Rule> found = findRule(index);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("atlas: rule " + rule + " not found.");
                return null;
            }
            rules.add(found.get());
        } else if (technique != null) {
            String id = technique.toUpperCase(Locale.ROOT);
            if (index.catalog().technique(id).isEmpty()) {
                spec.commandLine().getErr().println("atlas: technique " + technique
                        + " not found: neither the ATT&CK bundle nor any rule names it.");
                return null;
            }
            for (Rule candidate : index.catalog().rules()) {
                if (candidate.active() && candidate.techniques().stream()
                        .anyMatch(tagged -> tagged.equals(id) || tagged.startsWith(id + "."))) {
                    rules.add(candidate);
                }
            }
        } else {
            index.catalog().rules().stream().filter(Rule::active).forEach(rules::add);
        }
        vendorFilter.ifPresent(wanted -> rules.removeIf(candidate -> candidate.vendor() != wanted));
        rules.sort(Comparator.comparing(Rule::vendor).thenComparing(candidate -> candidate.title().toLowerCase(Locale.ROOT))
                .thenComparing(Rule::id));
        return rules;
    }

    private Optional<Rule> findRule(CatalogIndex index) {
        int slash = rule.indexOf('/');
        return Vendor.fromId(rule.substring(0, slash)).flatMap(found -> index.catalog().rule(found, rule.substring(slash + 1)));
    }

    private String json(CatalogIndex index) {
        if (rule != null) {
            int slash = rule.indexOf('/');
            return Json.write(index.rule(Vendor.fromId(rule.substring(0, slash)).orElseThrow(), rule.substring(slash + 1))
                    .orElseThrow());
        }
        if (technique != null) {
            return Json.write(index.technique(technique).orElseThrow());
        }
        return Json.write(index.coverage());
    }
}
