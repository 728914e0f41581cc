package org.fairmark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes a file unwritable for the test's process: by its permissions for an ordinary user, by the immutable attribute
 * ({@code chattr +i}) for root, whom permissions do not stop. Restored on close.
 */
public final class FilePermissions implements AutoCloseable {
    private final Path file;
    private final Set<PosixFilePermission> before;
    private final boolean immutable;

    private FilePermissions(Path file, Set<PosixFilePermission> before, boolean immutable) {
        this.file = file;
        this.before = before;
        this.immutable = immutable;
    }

    public Path file() {
        return file;
    }

    public static FilePermissions denyWrites(Path file) throws IOException {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(file);
        if ("0".equals(run("id", "-u").strip())) {
            run("chattr", "+i", file.toString());
            return new FilePermissions(file, before, true);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        return new FilePermissions(file, before, false);
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            run("chattr", "-i", file.toString());
        } else {
            Files.setPosixFilePermissions(file, before);
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
