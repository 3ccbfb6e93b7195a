package org.detectionatlas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.catalog.CatalogBuilder;
import org.detectionatlas.catalog.CatalogSnapshot;
import org.detectionatlas.text.Plurals;
import org.detectionatlas.web.AtlasServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks an installation end to end on the small corpus shipped in the jar: reads it, writes and
 * reads a snapshot, serves it on a free loopback port and fetches a page of each kind. The
 * launcher also runs it once after each build with {@code -XX:ArchiveClassesAtExit}, so that the
 * JVM records the classes a server start loads and later starts map them instead of loading
 * them one by one.
 */
@Command(name = "self-check", mixinStandardHelpOptions = true,
        description = "Check this installation on a small built-in corpus: read it, write and read a snapshot,"
                + " serve it on a free loopback port and fetch a page of each kind.")
final class SelfCheckCommand implements Callable<Integer> {
    /** The sample corpus, as resources under {@code sample-corpus/}. */
    static final List<String> SAMPLE_FILES = List.of(
            "sigma/rules/windows/process_creation/proc_creation_win_sample_encoded_powershell.yml",
            "elastic/rules/windows/execution_sample_native_api.toml",
            "splunk/detections/endpoint/sample_lsass_access.yml",
            "splunk/macros/sysmon.yml",
            "splunk/macros/sample_lsass_access_filter.yml",
            "splunk/data_sources/sysmon_eventid_10.yml",
            "splunk/stories/sample_story.yml");

    /** Pages fetched from the sample catalog, each expected to return status 200. */
    static final List<String> PAGES = List.of(
            "/",
            "/techniques/T1059.001",
            "/techniques/T1106",
            "/rules/sigma/00000000-0000-4000-8000-000000000001",
            "/rules/elastic/00000000-0000-4000-8000-000000000002",
            "/rules/splunk/00000000-0000-4000-8000-000000000003",
            "/fields/process.name",
            "/search?q=powershell",
            "/health",
            "/api/v1/techniques/T1106",
            "/api/v1/stats",
            "/export/navigator.json",
            "/static/atlas.css");

    /**
     * The slf4j-simple property that sets the server logger's level. It is read when the logger is
     * created, on the server's first start in the JVM, so it must be set before that.
     */
    static final String SERVER_LOG_LEVEL = "org.slf4j.simpleLogger.log." + AtlasServer.class.getName();

    /** Time the server gets to finish its last response before it is stopped. */
    static final long SETTLE_MILLIS = 200;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems and the final line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("atlas-self-check");
        try {
            Path corpus = folder.resolve("corpus");
            for (String file : SAMPLE_FILES) {
                copyResource("/sample-corpus/" + file, corpus.resolve(file));
            }
            Catalog built = new CatalogBuilder().build(corpus, message -> { });
            int failures = check(out, built.rules().size() == 3, "read the sample corpus: "
                    + Plurals.count(built.rules().size(), "rule") + ", 3 expected");
            Path snapshot = folder.resolve("sample.snapshot");
            CatalogSnapshot.write(built, snapshot);
            Catalog read = CatalogSnapshot.read(snapshot);
            failures += check(out, read.rules().equals(built.rules()), "wrote and read a snapshot of "
                    + Files.size(snapshot) + " bytes");
            // The server logs its address at info, which 'serve' shows but a check's output should not.
            if (System.getProperty(SERVER_LOG_LEVEL) == null) {
                System.setProperty(SERVER_LOG_LEVEL, "warn");
            }
            AtlasServer server = AtlasServer.start(new CatalogIndex(read), "127.0.0.1", 0);
            try {
                failures += fetchPages(out, server.port());
                // The client has the last body before Jetty has finished that response's write
                // callback. Stopping at once makes Jetty log a closed send on a loaded machine.
                Thread.sleep(SETTLE_MILLIS);
            } finally {
                server.stop();
            }
            out.println("atlas self-check: " + (failures == 0 ? "all " + (PAGES.size() + 2) + " checks passed"
                    : failures + " of " + (PAGES.size() + 2) + " checks failed"));
            return failures == 0 ? AtlasCommand.EXIT_OK : AtlasCommand.EXIT_FAILURE;
        } finally {
            deleteTree(folder);
        }
    }

    private int fetchPages(PrintWriter out, int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int failures = 0;
        for (String page : PAGES) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            failures += check(out, response.statusCode() == 200, "GET " + page + " answered " + response.statusCode()
                    + " with " + response.body().length + " bytes");
        }
        return failures;
    }

    /** Prints a failed check, and a passed one unless quiet. Returns 1 for a failure, else 0. */
    private int check(PrintWriter out, boolean passed, String what) {
        if (!passed || !quiet) {
            out.println((passed ? "ok      " : "FAILED  ") + what);
        }
        return passed ? 0 : 1;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = SelfCheckCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Resource " + name + " missing from the jar: rebuild it with 'mvn package'.");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
