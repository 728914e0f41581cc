package org.fairmark.network.ledger;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The ledger directory is open in another {@link BlockStore}: of another process (a running network or command) or
 * of this one. Nothing was read or changed.
 */
public final class LedgerLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path directory;
    private final boolean sameProcess;

    LedgerLockedException(Path directory, boolean sameProcess, Throwable cause) {
        super("ledger " + directory + " is " + (sameProcess ? "already open in this process" : "in use by another process"),
                cause);
        this.directory = directory;
        this.sameProcess = sameProcess;
    }

    /** The ledger directory. */
    public Path directory() {
        return directory;
    }

    /** Whether this process holds it, rather than another one. */
    public boolean sameProcess() {
        return sameProcess;
    }
}
