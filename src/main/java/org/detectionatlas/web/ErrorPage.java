package org.detectionatlas.web;

import java.util.List;

/** An error page for people, with links to what the request may have meant. The API returns JSON errors instead. */
public record ErrorPage(int status, String title, String message, List<Suggestion> suggestions) {

    /** A page the request may have meant. */
    public record Suggestion(String label, String url) {}

    public static ErrorPage notFound(String path) {
        return notFound(path, List.of());
    }

    public static ErrorPage notFound(String path, List<Suggestion> suggestions) {
        return new ErrorPage(404, "Not found", "Nothing is published at " + path
                + ". Technique pages look like /techniques/T1106, rule pages like /rules/sigma/<rule id>.",
                List.copyOf(suggestions));
    }

    /** Returns a 404 page for a known page or export whose parameter names nothing in the catalog. */
    public static ErrorPage notFoundItem(String message) {
        return new ErrorPage(404, "Not found", message, List.of());
    }

    public static ErrorPage badRequest(String message) {
        return new ErrorPage(400, "Bad request", message, List.of());
    }

    public static ErrorPage methodNotAllowed(String method, String path) {
        return new ErrorPage(405, "Method not allowed", "The catalog is read-only: " + path
                + " accepts GET and HEAD only, not " + method + ".", List.of());
    }

    public static ErrorPage internal() {
        return new ErrorPage(500, "Internal error", "The page could not be built; the server log has the details.",
                List.of());
    }
}
