package org.detectionatlas.sources.attack;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;

/**
 * The ATT&amp;CK content of the STIX bundles under {@code <corpus>/attack}.
 *
 * @param version the ATT&amp;CK version the bundle declares, such as 18.1, or empty
 * @param tactics tactics in matrix order
 * @param techniques techniques and sub-techniques, sorted by id
 * @param revokedBy for each revoked technique id, the id of the technique that replaced it, as
 *     the bundle's {@code revoked-by} relationships state it (one step, not followed further)
 * @param diagnostics problems met while reading the bundle
 * @param detections the detection strategies that detect each technique, by technique id
 */
public record AttackData(String version, List<Tactic> tactics, List<Technique> techniques,
        Map<String, String> revokedBy, List<Diagnostic> diagnostics, Map<String, List<DetectionStrategy>> detections) {

    /** Bounds the walk along revoked-by chains, which a broken bundle could make cyclic. */
    private static final int MAX_REVOCATION_STEPS = 32;

    public AttackData {
        version = version == null ? "" : version;
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        revokedBy = Map.copyOf(revokedBy);
        diagnostics = List.copyOf(diagnostics);
        detections = detections == null ? Map.of() : Map.copyOf(detections);
    }

    public AttackData(String version, List<Tactic> tactics, List<Technique> techniques,
            Map<String, String> revokedBy, List<Diagnostic> diagnostics) {
        this(version, tactics, techniques, revokedBy, diagnostics, Map.of());
    }

    public AttackData(String version, List<Tactic> tactics, List<Technique> techniques,
            List<Diagnostic> diagnostics) {
        this(version, tactics, techniques, Map.of(), diagnostics);
    }

    /**
     * Follows revoked-by relationships from {@code techniqueId} to the technique that currently
     * replaces it, such as T1143 to T1564.003. Returns the id itself when it was not revoked, and
     * the last id reached when the chain loops.
     */
    public String replacementOf(String techniqueId) {
        String current = techniqueId;
        Set<String> seen = new HashSet<>();
        for (int step = 0; step < MAX_REVOCATION_STEPS && seen.add(current); step++) {
            String next = revokedBy.get(current);
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
