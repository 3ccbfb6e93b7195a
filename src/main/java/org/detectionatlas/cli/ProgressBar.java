package org.detectionatlas.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Shows the catalog build's stages as a bar redrawn in place on a terminal, or as one line per
 * stage when standard error goes to a file or a pipe.
 */
final class ProgressBar implements Consumer<String> {
    /** The build's stages: ATT&amp;CK, events, three rule corpora, normalization. */
    static final int STAGES = 6;
    static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private int done;
    private int lastLength;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void accept(String message) {
        done = Math.min(STAGES, done + 1);
        if (!terminal) {
            err.println("atlas: " + message);
            err.flush();
            return;
        }
        String line = render(done, message);
        // Spaces clear what a longer previous message left on the line.
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Ends the bar's line so later output starts on a fresh one. */
    synchronized void finish() {
        if (terminal && lastLength > 0) {
            err.println();
            err.flush();
        }
    }

    static String render(int done, String message) {
        int filled = WIDTH * Math.min(done, STAGES) / STAGES;
        return "atlas: [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + STAGES + " " + message;
    }
}
