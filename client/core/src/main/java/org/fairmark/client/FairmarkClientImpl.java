package org.fairmark.client;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fairmark.domain.ErrorCode;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/** One identity's gateway over a (possibly shared) gRPC channel. */
final class FairmarkClientImpl implements FairmarkClient {
    private final Settings settings;
    private final FairmarkIdentity identity;
    private final Gateway gateway;
    private final Network network;
    private final Transactions transactions;
    private final RoleFacade facade;
    private final ManagedChannel ownedChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What clients of one channel share. */
    record Settings(
            Channel channel,
            String channelName,
            String chaincodeName,
            RetryPolicy retryPolicy,
            Duration callTimeout,
            Duration commitTimeout,
            byte[] tlsClientCertificateHash) {}

    private FairmarkClientImpl(Settings settings, FairmarkIdentity identity, ManagedChannel ownedChannel) {
        this.settings = settings;
        this.identity = identity;
        this.ownedChannel = ownedChannel;
        long call = settings.callTimeout().toMillis();
        long commit = settings.commitTimeout().toMillis();
        Gateway.Builder builder = Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                .signer(Signers.newPrivateKeySigner(identity.privateKey()))
                .hash(Hash.SHA256)
                .connection(settings.channel())
                .evaluateOptions(options -> options.withDeadlineAfter(call, TimeUnit.MILLISECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(call, TimeUnit.MILLISECONDS))
                .submitOptions(options -> options.withDeadlineAfter(call, TimeUnit.MILLISECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(commit, TimeUnit.MILLISECONDS));
        if (settings.tlsClientCertificateHash() != null) {
            builder.tlsClientCertificateHash(settings.tlsClientCertificateHash());
        }
        this.gateway = builder.connect();
        this.network = gateway.getNetwork(settings.channelName());
        Contract contract = network.getContract(settings.chaincodeName());
        this.transactions = new Transactions(contract, settings.retryPolicy());
        this.facade = new RoleFacade(this);
    }

    static FairmarkClient connect(FairmarkClient.Builder builder) {
        ManagedChannel owned = null;
        Channel channel = builder.channel;
        byte[] tlsHash = null;
        if (channel == null) {
            owned = openChannel(builder);
            channel = owned;
            if (builder.tlsClientCertificate != null) {
                tlsHash = certificateHash(builder);
            }
        }
        Settings settings = new Settings(channel, builder.channelName, builder.chaincodeName, builder.retryPolicy,
                builder.callTimeout, builder.commitTimeout, tlsHash);
        return new FairmarkClientImpl(settings, builder.identity, owned);
    }

    private static ManagedChannel openChannel(FairmarkClient.Builder builder) {
        ChannelCredentials credentials;
        if (builder.tlsRootCertificates == null) {
            credentials = InsecureChannelCredentials.create();
        } else {
            try {
                TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                        .trustManager(builder.tlsRootCertificates.toFile());
                if (builder.tlsClientCertificate != null) {
                    tls.keyManager(builder.tlsClientCertificate.toFile(), builder.tlsClientKey.toFile());
                }
                credentials = tls.build();
            } catch (IOException | RuntimeException e) {
                throw new FairmarkException(ErrorCode.INVALID_ARGUMENT, "cannot read the TLS files: " + e.getMessage(),
                        FairmarkException.Stage.CONNECT, null, null, false, e);
            }
        }
        ManagedChannelBuilder<?> channel = Grpc.newChannelBuilderForAddress(builder.host, builder.port, credentials)
                .maxInboundMessageSize(100 * 1024 * 1024);
        if (builder.serverNameOverride != null) {
            channel.overrideAuthority(builder.serverNameOverride);
        }
        return channel.build();
    }

    private static byte[] certificateHash(FairmarkClient.Builder builder) {
        try {
            String pem = Files.readString(builder.tlsClientCertificate);
            X509Certificate certificate = FairmarkIdentity.readCertificate(pem, builder.tlsClientCertificate.toString());
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (IOException | java.security.cert.CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new FairmarkException(ErrorCode.INVALID_ARGUMENT, "cannot read the TLS client certificate: " + e.getMessage(),
                    FairmarkException.Stage.CONNECT, null, null, false, e);
        }
    }

    Transactions transactions() {
        requireOpen();
        return transactions;
    }

    Network network() {
        requireOpen();
        return network;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new FairmarkException(ErrorCode.INTERNAL_ERROR, "the client is closed", FairmarkException.Stage.CLIENT,
                    null, null, false, null);
        }
    }

    @Override
    public FairmarkIdentity identity() {
        return identity;
    }

    @Override
    public FairmarkClient withIdentity(FairmarkIdentity other) {
        java.util.Objects.requireNonNull(other, "identity == null");
        requireOpen();
        return new FairmarkClientImpl(settings, other, null);
    }

    @Override
    public Participant participant() {
        return facade;
    }

    @Override
    public Producer producer() {
        return facade;
    }

    @Override
    public Inspector inspector() {
        return facade;
    }

    @Override
    public Packer packer() {
        return facade;
    }

    @Override
    public Carrier carrier() {
        return facade;
    }

    @Override
    public Buyer buyer() {
        return facade;
    }

    @Override
    public Auditor auditor() {
        return facade;
    }

    @Override
    public EventStream.Builder eventStream() {
        requireOpen();
        return new EventStream.Builder(this);
    }

    @Override
    public String channelName() {
        return settings.channelName();
    }

    @Override
    public String chaincodeName() {
        return settings.chaincodeName();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gateway.close();
        if (ownedChannel != null) {
            ownedChannel.shutdownNow();
            try {
                ownedChannel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "FairmarkClient[" + identity + ", channel=" + settings.channelName() + ", chaincode="
                + settings.chaincodeName() + "]";
    }
}
