package org.detectionatlas.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.detectionatlas.catalog.CorpusNotFoundException;
import org.detectionatlas.catalog.CatalogSnapshot;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code atlas} command line. Exit codes: 0 success, 1 failure (something was not found, or
 * an internal error), 2 usage error (unknown option, invalid value, a folder that is not a corpus).
 */
@Command(name = "atlas", mixinStandardHelpOptions = true, versionProvider = AtlasCommand.Version.class,
        description = "Detection Atlas: ATT&CK coverage of the Sigma, Elastic and Splunk rule corpora.")
public final class AtlasCommand implements Runnable {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'atlas serve --corpus DIR'.");
    }

    /**
     * The subcommands in the order help lists them. Picocli builds each command's model by
     * reflection, which took a seventh of a second for all of them, so {@link #main} registers
     * only the one being run when the first argument names it.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", ServeCommand::new);
        commands.put("build", BuildCommand::new);
        commands.put("export", ExportCommand::new);
        commands.put("technique", TechniqueCommand::new);
        commands.put("stats", StatsCommand::new);
        commands.put("parse", ParseCommand::new);
        commands.put("eval", EvalCommand::new);
        commands.put("self-check", SelfCheckCommand::new);
        return commands;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** Builds the command line with every subcommand, the project's exit codes and error messages. */
    public static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /** Builds the command line with only subcommand {@code only} when that names one, else with all. */
    static CommandLine newCommandLine(String only) {
        CommandLine commandLine = new CommandLine(new AtlasCommand());
        boolean one = only != null && COMMANDS.containsKey(only);
        COMMANDS.forEach((name, command) -> {
            if (!one || name.equals(only)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        if (!one) {
            commandLine.addSubcommand(new CommandLine.HelpCommand());
            commandLine.addSubcommand(new AutoComplete.GenerateCompletion());
        }
        commandLine.setParameterExceptionHandler(AtlasCommand::printUsageError);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (exception instanceof CorpusNotFoundException || exception instanceof CatalogSnapshot.SnapshotException) {
                err.println("atlas: " + exception.getMessage());
                return EXIT_USAGE;
            }
            err.println("atlas: internal error: " + exception);
            exception.printStackTrace(err);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    /**
     * Prints a usage error as the message and a pointer to the command's help, each line starting
     * with "atlas: ", instead of picocli's default of the message followed by the whole help.
     */
    private static int printUsageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine failed = exception.getCommandLine();
        PrintWriter err = failed.getErr();
        String message = exception.getMessage();
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            // Picocli sorts the suggestions by similarity, closest first.
            message += " (did you mean '" + unmatched.getSuggestions().get(0) + "'?)";
        }
        message.lines().forEach(line -> err.println("atlas: " + line));
        err.println("atlas: Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return EXIT_USAGE;
    }

    /** Reads the version from the jar manifest, or reports a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AtlasCommand.class.getPackage().getImplementationVersion();
            return new String[] {"atlas " + (version == null ? "development build" : version)};
        }
    }
}
