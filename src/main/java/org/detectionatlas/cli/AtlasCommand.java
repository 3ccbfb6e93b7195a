package org.detectionatlas.cli;

import java.io.PrintWriter;
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
        description = "Detection Atlas: ATT&CK coverage of the Sigma, Elastic and Splunk rule corpora.",
        subcommands = {ServeCommand.class, BuildCommand.class, ExportCommand.class, TechniqueCommand.class,
                StatsCommand.class, ParseCommand.class, EvalCommand.class, CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class})
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

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** Builds the command line with the project's exit codes and error messages. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new AtlasCommand());
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

    /** Reads the version from the jar manifest, or reports a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AtlasCommand.class.getPackage().getImplementationVersion();
            return new String[] {"atlas " + (version == null ? "development build" : version)};
        }
    }
}
