package org.fairmark.cli;

import picocli.CommandLine.Option;

/** The options of every ledger write. */
final class WriteOptions {
    @Option(names = "--request-id", paramLabel = "ID",
            description = "Request id (8-64 of A-Z a-z 0-9 _ -). Repeating a write with the same id returns the first"
                    + " result and writes nothing; default a fresh id.")
    String requestId;
}
