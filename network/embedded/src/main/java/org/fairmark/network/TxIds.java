package org.fairmark.network;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** Fabric's transaction ids, as the endorser, the orderer and the committer check and log them. */
final class TxIds {
    private TxIds() {}

    /** Fabric's transaction id: {@code hex(SHA-256(nonce || creator))}. */
    static String compute(ByteString nonce, ByteString creator) {
        return HexFormat.of().formatHex(FabricHashes.sha256(nonce, creator));
    }

    /** The first eight characters, for logs. */
    static String shortened(String txId) {
        return txId.length() <= 8 ? txId : txId.substring(0, 8);
    }
}
