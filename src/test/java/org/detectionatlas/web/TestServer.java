package org.detectionatlas.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.detectionatlas.analyze.CatalogIndex;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server on a free loopback port for a test class, with a client that sends requests to it.
 * Registered with {@code @RegisterExtension}, it starts before the class's tests and stops after them.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Supplier<CatalogIndex> index;
    private AtlasServer server;

    private TestServer(Supplier<CatalogIndex> index) {
        this.index = index;
    }

    /** Returns a server over the catalog {@code index} supplies, built when the test class starts. */
    public static TestServer of(Supplier<CatalogIndex> index) {
        return new TestServer(index);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = AtlasServer.start(index.get(), "127.0.0.1", 0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    public int port() {
        return server.port();
    }

    /** Returns a request builder for a path of this server, such as "/techniques/T1106". */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
