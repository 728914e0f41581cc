package org.fairmark.devca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A directory of identities, one sub-directory per identity name holding {@code cert.pem}, {@code key.pem} (PKCS#8,
 * owner-only where POSIX permissions exist) and {@code mspid} (the MSP id as text). The CLI and tests keep their
 * users here; the files are plain PEM so {@code openssl} and Fabric tooling read them too.
 *
 * <pre>{@code
 * Wallet wallet = Wallet.open(Path.of("build/wallet"));
 * wallet.put(ca.issue("alice", Map.of("fairmark.role", "producer")));
 * Identity alice = wallet.get("alice");
 * }</pre>
 *
 * <p>Each file is replaced atomically; a reader never sees a half-written file. Instances are thread-safe.
 */
public final class Wallet {
    static final String CERTIFICATE_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    static final String MSP_ID_FILE = "mspid";

    private final Path directory;

    private Wallet(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the wallet in {@code directory}, creating the directory if needed.
     *
     * @throws DevCaException if the directory cannot be created or is a file
     */
    public static Wallet open(Path directory) {
        Objects.requireNonNull(directory, "directory == null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DevCaException("cannot create wallet directory " + directory + ": " + e.getMessage(), e);
        }
        return new Wallet(directory);
    }

    /** The wallet's directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Stores {@code identity} under its name, replacing an identity of the same name.
     *
     * @throws DevCaException if a file cannot be written
     */
    public synchronized void put(Identity identity) {
        Objects.requireNonNull(identity, "identity == null");
        Path entry = directory.resolve(identity.name());
        // The certificate goes last: names() lists an entry once cert.pem exists.
        AtomicFiles.write(entry.resolve(KEY_FILE), identity.privateKeyPem(), true);
        AtomicFiles.write(entry.resolve(MSP_ID_FILE), identity.mspId() + "\n", false);
        AtomicFiles.write(entry.resolve(CERTIFICATE_FILE), identity.certificatePem(), false);
    }

    /**
     * Reads the identity stored under {@code name}.
     *
     * @throws IllegalArgumentException if the name is malformed
     * @throws DevCaException if there is no such identity, or a file is missing, truncated or does not match
     */
    public synchronized Identity get(String name) {
        Names.identityName(name);
        Path entry = directory.resolve(name);
        if (!Files.isDirectory(entry)) {
            throw new DevCaException("wallet " + directory + " has no identity '" + name + "'");
        }
        String what = "wallet identity " + name + ": ";
        X509Certificate certificate;
        PrivateKey privateKey;
        try {
            certificate =
                    Pem.readCertificate(AtomicFiles.read(entry.resolve(CERTIFICATE_FILE), what + CERTIFICATE_FILE));
        } catch (DevCaException e) {
            throw new DevCaException(prefixed(what + CERTIFICATE_FILE, e), e);
        }
        try {
            privateKey = Pem.readPrivateKey(AtomicFiles.read(entry.resolve(KEY_FILE), what + KEY_FILE));
        } catch (DevCaException e) {
            throw new DevCaException(prefixed(what + KEY_FILE, e), e);
        }
        String mspId =
                AtomicFiles.read(entry.resolve(MSP_ID_FILE), what + MSP_ID_FILE).strip();
        try {
            return new Identity(name, mspId, certificate, privateKey);
        } catch (IllegalArgumentException e) {
            throw new DevCaException(what + e.getMessage(), e);
        }
    }

    /** Whether an identity named {@code name} is stored (its {@code cert.pem} exists). */
    public boolean contains(String name) {
        Objects.requireNonNull(name, "name == null");
        return Names.IDENTITY_NAME.matcher(name).matches()
                && Files.isRegularFile(directory.resolve(name).resolve(CERTIFICATE_FILE));
    }

    /**
     * The names of the stored identities, sorted; directories that are not identities (no {@code cert.pem}, or a
     * name an identity cannot have) are ignored.
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.forEach(entry -> {
                String name = entry.getFileName().toString();
                if (contains(name)) {
                    names.add(name);
                }
            });
        } catch (IOException e) {
            throw new DevCaException("cannot list wallet " + directory + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "Wallet[" + directory + "]";
    }

    private static String prefixed(String what, DevCaException e) {
        return e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage();
    }
}
