package org.fairmark.devca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.logging.Logger;

/**
 * The one place SHA-256 digests come from in the network and the client (block hashes, proposal hashes, transaction
 * ids, the gateway client's signing digests).
 *
 * <p>The JDK's SHA-256 is the default: with the optimizing compiler (C2) it runs on the CPU's SHA instructions, about
 * 1.7 GB/s on this kind of machine, four times Conscrypt's 0.43 GB/s. A JVM limited to C1
 * ({@code -XX:TieredStopAtLevel=1}, as the {@code fairmark} launcher runs {@code bench} and short commands) has no
 * such intrinsic: the JDK's digest falls to 0.14 GB/s and Conscrypt's native one is three times faster (see
 * bench/results/profile.md). The system property {@value #PROPERTY} chooses: {@code Conscrypt} (when its native
 * library loads; else the JDK's, with a warning in the log) or {@code JDK}; any other value means the JDK's, with a
 * warning.
 *
 * <pre>{@code
 * MessageDigest digest = FastSha256.newDigest();
 * byte[] hash = digest.digest(data);
 * System.out.println(FastSha256.providerName()); // "SUN" or "Conscrypt"
 * }</pre>
 */
public final class FastSha256 {
    /** The system property naming the provider: {@code Conscrypt} or {@code JDK} (the default). */
    public static final String PROPERTY = "fairmark.sha256.provider";

    private static final Logger LOGGER = Logger.getLogger(FastSha256.class.getName());

    private FastSha256() {}

    /** A new SHA-256 digest from the chosen provider. */
    public static MessageDigest newDigest() {
        Provider chosenProvider = Chosen.PROVIDER;
        try {
            return chosenProvider == null
                    ? MessageDigest.getInstance("SHA-256")
                    : MessageDigest.getInstance("SHA-256", chosenProvider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** SHA-256 of {@code data}. */
    public static byte[] hash(byte[] data) {
        return newDigest().digest(data);
    }

    /** The name of the provider in use, e.g. {@code SUN} or {@code Conscrypt}. */
    public static String providerName() {
        return newDigest().getProvider().getName();
    }

    /** The provider the property names, or {@code null} for the JDK's default: chosen once, on first use. */
    private static final class Chosen {
        static final Provider PROVIDER = choose(System.getProperty(PROPERTY));
    }

    static Provider choose(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("JDK")) {
            return null;
        }
        if (!name.equalsIgnoreCase("Conscrypt")) {
            LOGGER.warning(() -> PROPERTY + " is Conscrypt or JDK, not " + name + "; using the JDK's SHA-256");
            return null;
        }
        try {
            Provider conscrypt = FastEcdsa.loadConscrypt();
            MessageDigest.getInstance("SHA-256", conscrypt);
            return conscrypt;
        } catch (ReflectiveOperationException | NoSuchAlgorithmException | LinkageError e) {
            LOGGER.warning(() -> "SHA-256: Conscrypt does not load (" + e + "); using the JDK's");
            return null;
        }
    }
}
