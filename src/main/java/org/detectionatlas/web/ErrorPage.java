package org.detectionatlas.web;

/** An error page for people. The API returns JSON errors instead. */
public record ErrorPage(int status, String title, String message) {

    public static ErrorPage notFound(String path) {
        return new ErrorPage(404, "Not found", "Nothing is published at " + path
                + ". Technique pages look like /techniques/T1106, rule pages like /rules/sigma/<rule id>.");
    }

    public static ErrorPage internal() {
        return new ErrorPage(500, "Internal error", "The page could not be built; the server log has the details.");
    }
}
