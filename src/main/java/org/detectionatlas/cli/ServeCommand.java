package org.detectionatlas.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.catalog.CatalogSnapshot;
import org.detectionatlas.text.Plurals;
import org.detectionatlas.web.AtlasServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Builds the catalog and serves the web pages and the JSON API until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Build the catalog of a corpus, or read a snapshot, and serve its pages and JSON API.")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusOption corpus;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "Serve the catalog saved by 'atlas build --out FILE' instead of reading --corpus.")
    Path snapshot;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid --port " + port + ": expected 0 to 65535 (0 picks a free port).");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid --host '" + host + "': it is not an address of this machine; try 127.0.0.1 or 0.0.0.0.");
        }
        String busy = checkCanListen(address);
        if (busy != null) {
            spec.commandLine().getErr().println("atlas: " + busy);
            return AtlasCommand.EXIT_FAILURE;
        }
        if (snapshot != null && !Files.isRegularFile(snapshot)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Snapshot file " + snapshot
                    + " not found: write one with 'atlas build --corpus DIR --out " + snapshot + "'.");
        }
        if (corpus.quiet && System.getProperty(SelfCheckCommand.SERVER_LOG_LEVEL) == null) {
            System.setProperty(SelfCheckCommand.SERVER_LOG_LEVEL, "warn");
        }
        // The web server starts on its own thread while the catalog loads, so the two overlap on a
        // two-core machine. Requests that arrive early wait for the catalog.
        CompletableFuture<CatalogIndex> loading = new CompletableFuture<>();
        CompletableFuture<AtlasServer> starting = new CompletableFuture<>();
        Thread listener = new Thread(() -> {
            try {
                starting.complete(AtlasServer.start(loading, host, port));
            } catch (RuntimeException | Error e) {
                starting.completeExceptionally(e);
            }
        }, "atlas-listen");
        listener.setDaemon(true);
        listener.start();
        CatalogIndex index;
        try {
            index = load();
        } catch (RuntimeException | IOException e) {
            loading.completeExceptionally(e);
            starting.thenAccept(AtlasServer::stop);
            throw e;
        }
        loading.complete(index);
        AtlasServer server;
        try {
            server = starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        spec.commandLine().getErr().println("atlas: serving " + Plurals.count(index.catalog().rules().size(), "rule")
                + " on http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + server.port() + "/ (Ctrl-C stops)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "atlas-shutdown"));
        stopped.await();
        return AtlasCommand.EXIT_OK;
    }

    private CatalogIndex load() throws IOException {
        if (snapshot == null) {
            return corpus.load();
        }
        long start = System.nanoTime();
        CatalogIndex index = new CatalogIndex(CatalogSnapshot.read(snapshot));
        if (!corpus.quiet) {
            spec.commandLine().getErr().println("atlas: read " + Plurals.count(index.catalog().rules().size(), "rule")
                    + " from " + snapshot + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return index;
    }

    /**
     * Binds the address once before the corpus is read, so a taken port is reported at once
     * rather than after the build. Returns the problem, or null when the address is free.
     */
    private String checkCanListen(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return null;
        } catch (BindException e) {
            return "cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); pass another --port, or --port 0 to pick a free one.";
        } catch (IOException e) {
            return "cannot listen on " + host + ":" + port + ": " + e.getMessage() + "; check --host and --port.";
        }
    }
}
