package org.detectionatlas.web;

import java.nio.charset.StandardCharsets;

/** Builds the links between pages, percent-encoding ids that come from rule files. */
public final class Urls {
    private static final String HEX = "0123456789ABCDEF";

    private Urls() {}

    public static String technique(String id) {
        return "/techniques/" + encodePath(id);
    }

    public static String rule(String vendor, String id) {
        return "/rules/" + encodePath(vendor) + "/" + encodePath(id);
    }

    public static String apiTechnique(String id) {
        return "/api/v1/techniques/" + encodePath(id);
    }

    public static String apiRule(String vendor, String id) {
        return "/api/v1/rules/" + encodePath(vendor) + "/" + encodePath(id);
    }

    public static String field(String field) {
        return "/fields/" + encodePath(field);
    }

    public static String event(String provider, String eventId) {
        return "/events/" + encodePath(provider) + "/" + encodePath(eventId);
    }

    /** Links the indicator page; a free-text test has no field and leaves the parameter empty. */
    public static String indicator(String field, String operator, String value) {
        return "/indicators?field=" + encodeQuery(field == null ? "" : field) + "&op=" + encodeQuery(operator)
                + "&value=" + encodeQuery(value);
    }

    public static String search(String query) {
        return "/search?q=" + encodeQuery(query);
    }

    /** Percent-encodes a query parameter value: like a path segment, with the slash encoded too. */
    static String encodeQuery(String text) {
        return encodePath(text).replace("/", "%2F");
    }

    /** Percent-encodes every byte but RFC 3986 unreserved characters and the path separator. */
    static String encodePath(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }
}
