package org.detectionatlas.normalize;

import java.util.List;

/** Raised when a normalizer data file breaks its format; lists every error with its line. */
public final class DataFileException extends RuntimeException {

    private final String file;
    private final List<String> errors;

    public DataFileException(String file, List<String> errors) {
        super(String.join(System.lineSeparator(), errors));
        this.file = file;
        this.errors = List.copyOf(errors);
    }

    public String file() {
        return file;
    }

    /** Returns each error as one sentence that starts with the file name and line. */
    public List<String> errors() {
        return errors;
    }
}
