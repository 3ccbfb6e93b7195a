package org.detectionatlas.normalize;

import java.util.ArrayList;
import java.util.List;

/** Parsing of event id lists in the data files. */
final class EventIds {

    private EventIds() {}

    /** Parses {@code 12,13,14}; returns null when a part is not a number. */
    static List<String> parseList(String text) {
        List<String> ids = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String id = part.strip();
            if (!isNumber(id)) {
                return null;
            }
            ids.add(id);
        }
        return ids;
    }

    /** Tests whether the text is a decimal event id of at most 9 digits. */
    static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
