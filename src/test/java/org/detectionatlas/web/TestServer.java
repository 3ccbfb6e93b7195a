package org.detectionatlas.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.detectionatlas.analyze.CatalogIndex;

/** A server on a free loopback port for tests, with a client that sends requests to it. */
public final class TestServer {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final AtlasServer server;

    private TestServer(AtlasServer server) {
        this.server = server;
    }

    public static TestServer start(CatalogIndex index) {
        return new TestServer(AtlasServer.start(index, "127.0.0.1", 0));
    }

    public void stop() {
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
