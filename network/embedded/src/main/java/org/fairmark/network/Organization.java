package org.fairmark.network;

import java.util.Objects;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;

/**
 * One member organization of the channel: its MSP id, its certificate authority (root of trust and revocation list)
 * and the signing identity of its one peer, which endorses on the organization's behalf.
 */
record Organization(String mspId, CertificateAuthority ca, Identity peer) {
    Organization {
        Objects.requireNonNull(mspId, "mspId == null");
        Objects.requireNonNull(ca, "ca == null");
        Objects.requireNonNull(peer, "peer == null");
        if (!mspId.equals(ca.mspId()) || !mspId.equals(peer.mspId())) {
            throw new IllegalArgumentException("CA and peer of " + mspId + " belong to another MSP");
        }
    }

    /** The peer's name, e.g. {@code peer0.coop.example.com}; also the address in error details. */
    String peerName() {
        return peer.name();
    }
}
