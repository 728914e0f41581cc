package org.fairmark.client;

import com.google.protobuf.InvalidProtocolBufferException;
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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.fairmark.domain.ErrorCode;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** One identity's gateway over a (possibly shared) gRPC channel. */
final class FairmarkClientImpl extends FacadeClient {
    private final Settings settings;
    private final FairmarkIdentity identity;
    private final Gateway gateway;
    private final Network network;
    private final Transactions transactions;
    private final GatewayChannels ownedChannels;
    private final FastSigner signer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What clients of one channel share. */
    record Settings(
            GatewayChannels channels,
            String channelName,
            String chaincodeName,
            RetryPolicy retryPolicy,
            Duration callTimeout,
            Duration commitTimeout) {}

    /** The transaction signer: the fastest ECDSA provider, low-S. */
    FastSigner signer() {
        return signer;
    }

    private FairmarkClientImpl(Settings settings, FairmarkIdentity identity, GatewayChannels ownedChannels) {
        this.settings = settings;
        this.identity = identity;
        this.ownedChannels = ownedChannels;
        // with a connection profile: the identity's own organization's gateway (IDENTITY_INVALID if it has none)
        Channel channel = settings.channels().channelFor(identity.mspId());
        this.signer = FastSigner.of(identity.privateKey());
        Gateway.Builder builder = Gateways.builder(identity.mspId(), identity.certificate(), signer, channel,
                settings.callTimeout(), settings.commitTimeout());
        if (settings.channels().tlsClientCertificateHash() != null) {
            builder.tlsClientCertificateHash(settings.channels().tlsClientCertificateHash());
        }
        this.gateway = builder.connect();
        this.network = gateway.getNetwork(settings.channelName());
        Contract contract = network.getContract(settings.chaincodeName());
        this.transactions = new Transactions(contract, settings.retryPolicy());
    }

    static FairmarkClient connect(FairmarkClient.Builder builder) {
        GatewayChannels channels;
        String channelName = builder.channelName;
        String chaincodeName = builder.chaincodeName;
        if (builder.profile != null) {
            channels = GatewayChannels.profile(builder.profile);
            channelName = channelName != null ? channelName : builder.profile.channel();
            chaincodeName = chaincodeName != null ? chaincodeName : builder.profile.chaincode();
        } else if (builder.channel != null) {
            channels = GatewayChannels.single(builder.channel, null, null);
        } else {
            byte[] tlsHash = builder.tlsClientCertificate != null ? certificateHash(builder) : null;
            ManagedChannel owned = openChannel(builder);
            channels = GatewayChannels.single(owned, owned, tlsHash);
        }
        Settings settings = new Settings(channels, channelName != null ? channelName : "fairmark",
                chaincodeName != null ? chaincodeName : "fairmark", builder.retryPolicy, builder.callTimeout,
                builder.commitTimeout);
        try {
            return new FairmarkClientImpl(settings, builder.identity, channels);
        } catch (RuntimeException e) {
            channels.close();
            throw e;
        }
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
                .maxInboundMessageSize(GatewayChannels.MAX_INBOUND_MESSAGE_BYTES)
                .intercept(GatewayChannels.transportExplainer(
                        builder.tlsRootCertificates != null, builder.host + ":" + builder.port));
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
    ContractCalls calls() {
        return transactions();
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
    public EventStream.Builder eventStream() {
        requireOpen();
        return new EventStream.Builder(this);
    }

    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final long TRANSACTION_POLL_MILLIS = 50;

    @Override
    public String awaitTransaction(String txId, Duration timeout) {
        Objects.requireNonNull(txId, "txId == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (!TX_ID.matcher(txId).matches()) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    "a transaction id is 64 lowercase hex digits, not '"
                            + (txId.length() > 80 ? txId.substring(0, 80) + "..." : txId) + "'");
        }
        if (timeout.isNegative()) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "timeout must not be negative: " + timeout);
        }
        Contract qscc = network().getContract("qscc");
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            try {
                byte[] processed = qscc.evaluateTransaction("GetTransactionByID", settings.channelName(), txId);
                int code = ProcessedTransaction.parseFrom(processed).getValidationCode();
                TxValidationCode validation = TxValidationCode.forNumber(code);
                return validation == null ? Integer.toString(code) : validation.name();
            } catch (GatewayException e) {
                if (!Errors.noSuchTransaction(e)) {
                    throw Errors.evaluate("qscc:GetTransactionByID", e);
                }
            } catch (InvalidProtocolBufferException e) {
                throw FairmarkException.client(ErrorCode.INTERNAL_ERROR,
                        "the peer's answer to GetTransactionByID is not a ProcessedTransaction", e);
            }
            long now = System.nanoTime();
            if (now + TimeUnit.MILLISECONDS.toNanos(TRANSACTION_POLL_MILLIS) > deadline) {
                throw new FairmarkException(ErrorCode.GATEWAY_UNAVAILABLE, "the gateway peer of " + identity.mspId()
                        + " has not committed transaction " + txId + " after "
                        + Duration.ofNanos(now - started).toMillis() + " ms",
                        FairmarkException.Stage.EVALUATE, txId, null, true, null);
            }
            try {
                Thread.sleep(TRANSACTION_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FairmarkException(ErrorCode.GATEWAY_UNAVAILABLE, "interrupted while waiting for transaction "
                        + txId, FairmarkException.Stage.EVALUATE, txId, null, true, e);
            }
        }
    }

    /** The contract's metadata: a read every Fabric contract answers, endorsed by {@link #awaitReady}. */
    static final String METADATA = "org.hyperledger.fabric:GetMetadata";

    @Override
    public Duration awaitReady(Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative()) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT, "timeout must not be negative: " + timeout);
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long pauseMillis = 200;
        for (int attempt = 1; ; attempt++) {
            FairmarkException failure;
            try {
                transactions().endorseOnly(METADATA);
                return Duration.ofNanos(System.nanoTime() - started);
            } catch (FairmarkException e) {
                if (!e.isUnavailable() && e.code() != ErrorCode.CHAINCODE_NOT_FOUND) {
                    throw e;
                }
                failure = e;
            }
            long now = System.nanoTime();
            if (now + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > deadline) {
                throw new FairmarkException(failure.code(), "the gateway of " + identity.mspId()
                        + " could not endorse for chaincode " + settings.chaincodeName() + " after " + attempt
                        + (attempt == 1 ? " attempt in " : " attempts in ")
                        + Duration.ofNanos(now - started).toMillis() + " ms: " + failure.detail(),
                        FairmarkException.Stage.ENDORSE, null, null, failure.isUnavailable(), failure);
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FairmarkException(ErrorCode.INTERNAL_ERROR, "interrupted while waiting for the gateway",
                        FairmarkException.Stage.CLIENT, null, null, false, failure);
            }
            pauseMillis = Math.min(2_000, pauseMillis * 2);
        }
    }

    @Override
    public java.util.Optional<ConnectionProfile> connectionProfile() {
        return java.util.Optional.ofNullable(settings.channels().connectionProfile());
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
        if (ownedChannels != null) {
            ownedChannels.close();
        }
    }

    @Override
    public String toString() {
        return "FairmarkClient[" + identity + ", channel=" + settings.channelName() + ", chaincode="
                + settings.chaincodeName() + "]";
    }
}
