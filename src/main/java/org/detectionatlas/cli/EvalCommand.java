package org.detectionatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.detectionatlas.analyze.TreeNotation;
import org.detectionatlas.eval.Decision;
import org.detectionatlas.eval.Evaluation;
import org.detectionatlas.eval.Evaluator;
import org.detectionatlas.eval.EventReader;
import org.detectionatlas.eval.Verdict;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Predicate;
import org.detectionatlas.model.Rule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Evaluates one rule file on a file of events. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a rule on events: per event, match or no match and the tests that decided.")
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Print no rule diagnostics on stderr (broken events are"
            + " still listed).")
    boolean quiet;

    @Option(names = "--rule", required = true, paramLabel = "FILE", description = "The rule file: Sigma or Splunk YAML, or Elastic TOML.")
    Path ruleFile;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Events as JSON Lines, a JSON"
            + " array, or JSON objects one after another (Sigma regression data, EVTX dumps).")
    Path eventsFile;

    @Option(names = "--json", description = "Print one JSON object per event and rule instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<Rule> rules = RuleFiles.read(spec.commandLine(), ruleFile, quiet);
        if (rules == null) {
            return AtlasCommand.EXIT_FAILURE;
        }
        if (!Files.isRegularFile(eventsFile)) {
            spec.commandLine().getErr().println("atlas: event file " + eventsFile + " not found.");
            return AtlasCommand.EXIT_FAILURE;
        }
        EventReader.EventFile events;
        try {
            events = EventReader.readEach(eventsFile);
        } catch (EventReader.InvalidEventsException e) {
            spec.commandLine().getErr().println("atlas: " + eventsFile + ": " + e.getMessage());
            return AtlasCommand.EXIT_FAILURE;
        }
        // Broken events are reported even with --quiet, which silences only the rule's diagnostics,
        // because they make the exit status 1.
        for (EventReader.InvalidEvent invalid : events.invalid()) {
            spec.commandLine().getErr().println(Diagnostic.invalid(eventsFile.toString(), invalid.line(),
                    invalid.code(), invalid.message()).at(invalid.line(), invalid.column()));
        }
        spec.commandLine().getErr().flush();
        Evaluator evaluator = new Evaluator();
        PrintWriter out = spec.commandLine().getOut();
        for (EventReader.NumberedEvent event : events.events()) {
            for (Rule rule : rules) {
                Evaluation evaluation = rule.tree() == null ? null : evaluator.evaluate(rule.tree(), event.event());
                out.println(json ? jsonLine(event.number(), rule, evaluation)
                        : textLine(event.number(), rule, evaluation, rules.size()));
            }
        }
        out.flush();
        // A rule that could not be read at all cannot be evaluated: that is a failure, as in parse.
        boolean noTree = rules.stream().anyMatch(rule -> rule.tree() == null);
        return noTree || !events.invalid().isEmpty() ? AtlasCommand.EXIT_FAILURE : AtlasCommand.EXIT_OK;
    }

    private static String textLine(int number, Rule rule, Evaluation evaluation, int ruleCount) {
        StringBuilder line = new StringBuilder("event ").append(number);
        if (ruleCount > 1) {
            line.append(" rule ").append(rule.id());
        }
        if (evaluation == null) {
            return line.append(": unknown (the rule has no tree)").toString();
        }
        line.append(": ").append(verdictText(evaluation.verdict()));
        List<String> tests = new ArrayList<>();
        for (Decision decision : evaluation.decidedBy()) {
            tests.add(decisionText(decision));
        }
        if (!tests.isEmpty()) {
            line.append(" by ").append(String.join("; ", tests));
        }
        return line.toString();
    }

    /** Returns the verdict in words, such as "no match"; the JSON output keeps the enum's name. */
    private static String verdictText(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String decisionText(Decision decision) {
        String text = leafText(decision.leaf()) + " " + verdictText(decision.verdict());
        return decision.reason() == null ? text : text + " (" + decision.reason() + ")";
    }

    private static String leafText(Node leaf) {
        if (leaf instanceof Predicate predicate) {
            return TreeNotation.render(predicate, TreeNotation.Fields.VENDOR);
        }
        return TreeNotation.render(leaf, TreeNotation.Fields.VENDOR);
    }

    private static String jsonLine(int number, Rule rule, Evaluation evaluation) throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("event", number);
        line.put("rule", rule.id());
        line.put("match", evaluation != null && evaluation.matches());
        line.put("verdict", evaluation == null ? "unknown" : evaluation.verdict().name().toLowerCase(Locale.ROOT));
        ArrayNode decided = line.putArray("decidedBy");
        if (evaluation != null) {
            for (Decision decision : evaluation.decidedBy()) {
                ObjectNode entry = decided.addObject();
                entry.put("test", leafText(decision.leaf()));
                if (decision.leaf() instanceof Predicate predicate && predicate.original() != null) {
                    entry.put("original", predicate.original());
                }
                entry.put("result", decision.verdict().name().toLowerCase(Locale.ROOT));
                if (decision.reason() != null) {
                    entry.put("reason", decision.reason());
                }
            }
        }
        return MAPPER.writeValueAsString(line);
    }
}
