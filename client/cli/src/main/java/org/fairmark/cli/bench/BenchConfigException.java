package org.fairmark.cli.bench;

/** A rounds file or bench option is wrong; nothing was run. The command reports it as a usage error (exit 2). */
public final class BenchConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchConfigException(String message) {
        super(message);
    }
}
