package org.fairmark.cli;

/** An import stopped before it finished; what was submitted is journaled and a new run resumes after it. */
final class ImportInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImportInterruptedException(String message) {
        super(message);
    }
}
