package org.fairmark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Secrets at rest: private keys of the wallet ({@code key.pem}), CA keys ({@code ca-key.pem}), TLS keys
 * ({@code *-key.pem}), label keys ({@code label-keys/*.pem}), Fabric MSP keystores ({@code keystore/*}) and the web
 * token store ({@code web-tokens.json}) must be readable by their owner only. Every writer of Fairmark creates them so
 * ({@code rw-------}); a copy, an unpacked backup or a umask can widen them, which {@code fairmark serve} reports at
 * start.
 */
final class SecretFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    private static final int MAX_DEPTH = 8;

    private SecretFiles() {}

    /** A secret file others than its owner may read or write, with its permissions as {@code rw-r--r--}. */
    record Exposed(Path file, String permissions) {
        String warning() {
            return "warning: " + file + " holds a secret but is readable or writable by others than its owner ("
                    + permissions + "); run: chmod 600 " + file;
        }
    }

    /** Whether a file name is one of the secrets Fairmark keeps. */
    static boolean isSecret(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return name.equals("key.pem") || name.endsWith("-key.pem") || name.endsWith("_sk") || name.equals("web-tokens.json")
                || (folder.equals(LabelKeyStore.DIRECTORY) && (name.endsWith(".pem") || name.endsWith(".pem.pending")))
                || folder.equals("keystore");
    }

    /** The secret files under {@code root} that others may read or write; empty where POSIX permissions do not exist. */
    static List<Exposed> exposed(Path root) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(root)) {
            return List.of();
        }
        List<Exposed> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(SecretFiles::isSecret)::iterator) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    found.add(new Exposed(file, PosixFilePermissions.toString(permissions)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the permissions of the files in " + root, e);
        } catch (UncheckedIOException e) {
            // a file vanished while walking (a key being rotated): check again at the next start
            return found;
        }
        return found;
    }
}
