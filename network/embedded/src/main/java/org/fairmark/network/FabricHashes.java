package org.fairmark.network;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import org.fairmark.devca.FastSha256;

/** SHA-256 over concatenated parts, as Fabric hashes proposals, transaction ids and bindings. */
final class FabricHashes {
    private FabricHashes() {}

    static byte[] sha256(ByteString... parts) {
        MessageDigest digest = newDigest();
        for (ByteString part : parts) {
            for (java.nio.ByteBuffer buffer : part.asReadOnlyByteBufferList()) {
                digest.update(buffer);
            }
        }
        return digest.digest();
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        return FastSha256.newDigest();
    }
}
