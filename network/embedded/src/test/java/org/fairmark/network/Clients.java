package org.fairmark.network;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/** fabric-gateway clients for the tests, exactly as an application builds them. */
final class Clients {
    private Clients() {}

    /** A gateway for {@code identity} signing with its own key. */
    static Gateway connect(Channel channel, Identity identity) {
        return connect(channel, identity, Signers.newPrivateKeySigner(identity.privateKey()));
    }

    /** A gateway for {@code identity} signing with {@code signer}, which may be the wrong one. */
    static Gateway connect(Channel channel, Identity identity, Signer signer) {
        return Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                .signer(signer)
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
    }

    /** A plaintext TCP channel to the network's port, as a remote application would open it. */
    static ManagedChannel tcp(EmbeddedNetwork network) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", network.port()).usePlaintext().build();
    }

    static ManagedChannel tcp(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
}
