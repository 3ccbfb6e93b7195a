package org.detectionatlas.catalog;

/** Raised when a folder given as corpus contains none of the folders a corpus is made of. */
public final class CorpusNotFoundException extends RuntimeException {
    public CorpusNotFoundException(String message) {
        super(message);
    }
}
