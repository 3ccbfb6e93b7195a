package org.detectionatlas.sources.attack;

import java.util.List;
import org.detectionatlas.model.Diagnostic;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;

/**
 * The ATT&amp;CK content of one STIX bundle.
 *
 * @param version the ATT&amp;CK version the bundle declares, such as 18.1, or empty
 * @param tactics tactics in matrix order
 * @param techniques techniques and sub-techniques
 * @param diagnostics problems met while reading the bundle
 */
public record AttackData(String version, List<Tactic> tactics, List<Technique> techniques,
        List<Diagnostic> diagnostics) {
    public AttackData {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        diagnostics = List.copyOf(diagnostics);
    }
}
