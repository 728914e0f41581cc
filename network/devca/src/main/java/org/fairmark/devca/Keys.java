package org.fairmark.devca;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

/** EC P-256 key pairs from the JDK provider, and a check that two keys belong together. */
final class Keys {
    private static final byte[] PROBE = "fairmark devca key pair probe".getBytes(StandardCharsets.US_ASCII);

    private Keys() {}

    static KeyPair newP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new DevCaException("cannot generate an EC P-256 key pair: " + e.getMessage(), e);
        }
    }

    /** Whether {@code privateKey} signs what {@code publicKey} verifies; false for keys of other kinds or curves. */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            return Signatures.verify(publicKey, PROBE, Signatures.signLowS(privateKey, PROBE));
        } catch (IllegalArgumentException | DevCaException e) {
            return false;
        }
    }
}
