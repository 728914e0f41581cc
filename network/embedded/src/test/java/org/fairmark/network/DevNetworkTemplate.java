package org.fairmark.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A development network's crypto material, created once per test JVM and copied into each test's data directory:
 * creating one writes and fsyncs some seventy files, which costs seconds on a busy machine.
 */
final class DevNetworkTemplate {
    private static Path template;

    private DevNetworkTemplate() {}

    /** Fills {@code dataDir} with a fresh copy of the development network (no ledger) and returns it. */
    static synchronized Path copyTo(Path dataDir) {
        try {
            if (template == null) {
                Path created = Files.createTempDirectory("fairmark-devnet-template");
                NetworkLayout.openOrCreate(created, null, null, null);
                template = created;
            }
            Files.createDirectories(dataDir);
            try (Stream<Path> paths = Files.walk(template)) {
                for (Path source : paths.toList()) {
                    Path target = dataDir.resolve(template.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
