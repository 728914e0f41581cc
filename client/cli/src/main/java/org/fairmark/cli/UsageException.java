package org.fairmark.cli;

/** The command line is wrong in a way picocli cannot see by itself; exit status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
