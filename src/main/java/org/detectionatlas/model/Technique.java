package org.detectionatlas.model;

import java.util.List;

/**
 * An ATT&amp;CK technique or sub-technique.
 *
 * @param id such as T1106 or T1055.001
 * @param name such as "Native API"
 * @param description the ATT&amp;CK description (Markdown), may be empty
 * @param tactics short names of the tactics it belongs to, in matrix order
 * @param parentId the parent technique of a sub-technique, or {@code null}
 * @param platforms the platforms ATT&amp;CK lists
 * @param url the ATT&amp;CK page
 * @param revoked whether ATT&amp;CK revoked it
 * @param deprecated whether ATT&amp;CK deprecated it
 * @param known false for an id that rules name but the loaded ATT&amp;CK version does not have
 */
public record Technique(
        String id,
        String name,
        String description,
        List<String> tactics,
        String parentId,
        List<String> platforms,
        String url,
        boolean revoked,
        boolean deprecated,
        boolean known) {

    public Technique {
        tactics = List.copyOf(tactics);
        platforms = List.copyOf(platforms);
    }

    public boolean isSubtechnique() {
        return parentId != null;
    }

    /** Returns an entry for a technique that rules name but the loaded ATT&amp;CK bundle does not define. */
    public static Technique unknown(String id) {
        int dot = id.indexOf('.');
        return new Technique(id, "", "", List.of(), dot > 0 ? id.substring(0, dot) : null, List.of(),
                "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/", false, false, false);
    }
}
