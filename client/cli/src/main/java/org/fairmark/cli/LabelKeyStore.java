package org.fairmark.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fairmark.client.LabelSigner;
import org.fairmark.domain.ErrorCode;

/**
 * The label keys of this packing station: {@code <data-dir>/label-keys/<key id>.pem}, both halves of each key (see
 * {@link LabelSigner#toPem()}), readable by the owner only. The ledger knows only the public halves.
 */
final class LabelKeyStore {
    static final String DIRECTORY = "label-keys";

    private final Path directory;

    LabelKeyStore(Path dataDir) {
        this.directory = dataDir.resolve(DIRECTORY);
    }

    Path directory() {
        return directory;
    }

    Path file(String keyId) {
        return directory.resolve(keyId + ".pem");
    }

    /** Keeps {@code signer}; an existing file of the same key is left as it is. */
    Path save(LabelSigner signer) {
        Path file = file(signer.keyId());
        if (Files.exists(file)) {
            return file;
        }
        return keep(savePending(signer));
    }

    /** Whether this station already holds the private key of {@code keyId}. */
    boolean holds(String keyId) {
        return Files.exists(file(keyId));
    }

    /**
     * Writes {@code signer} as {@code <key id>.pem.pending}, a key whose registration is under way: not one of
     * {@link #keyIds()}, never used to sign, until {@link #keep} makes it final or {@link #discard} removes it.
     */
    Path savePending(LabelSigner signer) {
        Path pending = directory.resolve(signer.keyId() + ".pem.pending");
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "key", ".tmp");
            try {
                setOwnerOnly(temporary);
                Files.writeString(temporary, signer.toPem(), StandardCharsets.US_ASCII);
                Files.move(temporary, pending, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return pending;
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot write " + pending + ": " + e.getMessage(), e);
        }
    }

    /** Makes a pending key final: {@code <key id>.pem}. An existing final file of the same key is left as it is. */
    Path keep(Path pending) {
        String name = pending.getFileName().toString();
        Path file = directory.resolve(name.substring(0, name.length() - ".pending".length()));
        try {
            if (Files.exists(file)) {
                Files.deleteIfExists(pending);
            } else {
                Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return file;
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes a pending key the ledger refused. */
    void discard(Path pending) {
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot remove " + pending + ": " + e.getMessage(), e);
        }
    }

    /**
     * The signer of {@code keyId}.
     *
     * @throws CliException {@link ErrorCode#LABEL_KEY_NOT_FOUND} when this station does not hold its private key
     */
    LabelSigner load(String keyId) {
        if (!keyId.matches("[0-9a-f]{32}")) {
            throw new CliException(ErrorCode.LABEL_KEY_NOT_FOUND, "'" + keyId + "' is not a label key id (32 hex digits)");
        }
        return read(file(keyId));
    }

    static LabelSigner read(Path file) {
        try {
            return LabelSigner.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new CliException(ErrorCode.LABEL_KEY_NOT_FOUND, "no private label key " + file
                    + " on this station; register one with 'fairmark label key register'");
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key ids held, newest file first. */
    List<String> keyIds() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("[0-9a-f]{32}\\.pem"))
                    .sorted(Comparator.comparing(LabelKeyStore::modified).reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .map(file -> file.getFileName().toString().substring(0, 32))
                    .toList();
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}
