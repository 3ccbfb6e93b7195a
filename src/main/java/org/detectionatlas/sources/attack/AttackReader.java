package org.detectionatlas.sources.attack;

import java.nio.file.Path;
import java.util.List;

/** Reads the ATT&amp;CK STIX bundle under {@code <corpus>/attack}. */
public final class AttackReader {

    public AttackData read(Path corpusRoot) {
        // TODO: stub until the reader lands.
        return new AttackData("", List.of(), List.of(), List.of());
    }
}
