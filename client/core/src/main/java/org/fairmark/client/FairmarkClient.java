package org.fairmark.client;

import io.grpc.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection to a Fairmark ledger through a Fabric Gateway: a real Fabric peer or the embedded development network,
 * with the same code. A client built with an endpoint or a channel uses that one gRPC channel for every identity; one
 * built with a {@link ConnectionProfile} connects each identity to its own organization's gateway (a channel per
 * gateway, opened on first use). {@link #withIdentity} gives clients for other identities over the same channels,
 * and the role facades ({@link #producer()}, {@link #inspector()}, {@link #packer()},
 * {@link #carrier()}, {@link #buyer()}, {@link #auditor()}) offer the contract's transactions as typed methods.
 *
 * <pre>{@code
 * try (FairmarkClient client = FairmarkClient.builder()
 *         .endpoint("peer0.coop.example.com", 7051)
 *         .tlsRootCertificates(Path.of("tls/ca.pem"))
 *         .identity(FairmarkIdentity.fromWallet(Path.of(".fairmark/wallet"), "producer@coop"))
 *         .connect()) {
 *     BatchView batch = client.producer().batch("06901234567892", "QX-2024-001");
 *     System.out.println(batch.status());
 * }
 * }</pre>
 *
 * <p>Writes are resubmitted on read conflicts according to the {@link RetryPolicy}; every failure is a
 * {@link FairmarkException}. Instances are thread-safe.
 */
public interface FairmarkClient extends AutoCloseable {

    /**
     * A builder; {@link Builder#identity} and one of {@link Builder#profile}, {@link Builder#endpoint} or
     * {@link Builder#connection} are required.
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A client that answers the contract's reads with {@code reads} in this process, without a gateway or gRPC
     * channel (the command line's read path on a stopped development network); writes and event streams are refused
     * with {@link org.fairmark.domain.ErrorCode#INVALID_ARGUMENT}, since they need a network.
     */
    static FairmarkClient reading(FairmarkIdentity identity, String channelName, String chaincodeName, LocalReads reads) {
        return new LocalReadClient(identity, channelName, chaincodeName, reads);
    }

    /** The identity this client signs as. */
    FairmarkIdentity identity();

    /**
     * Waits until this client's own gateway peer has committed the transaction {@code txId} (one another organization
     * submitted, say), and returns its validation code ({@code "VALID"}, {@code "MVCC_READ_CONFLICT"}, …). Fabric
     * commits each block on every organization's peer independently: right after a carrier's hand-over commits on the
     * carrier's peer, the buyer's peer may not have it yet, and the buyer's accept or read would see the state before
     * it. Asks the query system chaincode ({@code qscc GetTransactionByID}) every 50 ms.
     *
     * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#INVALID_ARGUMENT} for a transaction id that is
     *     not 64 lowercase hex digits or a negative timeout, or on a client without a network;
     *     {@link org.fairmark.domain.ErrorCode#GATEWAY_UNAVAILABLE} when the peer has not committed it in time
     */
    String awaitTransaction(String txId, java.time.Duration timeout);

    /**
     * Runs a write as the contract would, without submitting it: the gateway's peer simulates the request's transaction
     * ({@link org.fairmark.domain.model.ContractFunctions#WRITES}) against the ledger as it is now, and the contract's
     * answer comes back as canonical JSON, the same text a submit would return; nothing is ordered or written. A request the contract refuses raises the same
     * coded {@link FairmarkException} a submit would (stage {@code EVALUATE}). A request without a request id gets a
     * fresh one; one with a request id already used returns the recorded result, as a submit would.
     *
     * <p>What it cannot tell: a write that commits between the simulation and a later submit (another producer
     * registering the same lot, say) can still make that submit fail. Endorsement policies are checked at submit.
     */
    String simulate(org.fairmark.domain.model.Requests.Write request);

    /**
     * A client for another identity over the same gRPC channel; with a {@link ConnectionProfile}, over the channel to
     * that identity's own organization's gateway. Closing it releases only its own gateway; closing this client closes
     * the channels for both.
     *
     * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#IDENTITY_INVALID} when the client's connection
     *     profile has no gateway for the identity's organization
     */
    FairmarkClient withIdentity(FairmarkIdentity identity);

    /** The connection profile the client was built with, if any. */
    java.util.Optional<ConnectionProfile> connectionProfile();

    /** What every identity may do: read, trace, verify labels, record scans. */
    Participant participant();

    /** The producer's transactions: register and recall batches. */
    Producer producer();

    /** The inspector's transactions: standards, inspections, dispute reviews, recalls. */
    Inspector inspector();

    /** The packer's transactions: label keys, packing, labels, hand-overs. */
    Packer packer();

    /** The carrier's transactions: hand-overs and acceptances. */
    Carrier carrier();

    /** The buyer's transactions: acceptances, receipts with weighing, disputes. */
    Buyer buyer();

    /** The auditor's (regulator's) transactions: reads and the scan policy. */
    Auditor auditor();

    /** The organization administrator's facade: the org's profile ({@code profile:Set}). */
    OrgAdmin admin();

    /** Starts configuring a stream of chaincode events, optionally resuming from a checkpoint file. */
    EventStream.Builder eventStream();

    /**
     * Waits until this identity's gateway can endorse a transaction of the chaincode: endorses, without submitting, a
     * read of the contract's metadata ({@code org.hyperledger.fabric:GetMetadata}), as a write would be endorsed —
     * on real Fabric through the gateway's discovery plan, so it succeeds only once the peers of enough
     * organizations to satisfy the endorsement policy are known with the chaincode installed. Right after a
     * chaincode is committed that takes a few seconds while gossip spreads; {@code network/fabric/deploy.sh} waits
     * this way for every organization. Nothing is written to the ledger.
     *
     * @param timeout how long to keep trying; attempts are spaced 0.2 s, growing to 2 s
     * @return how long it took
     * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#GATEWAY_UNAVAILABLE} or
     *     {@link org.fairmark.domain.ErrorCode#CHAINCODE_NOT_FOUND} (the last failure, detail saying how long it waited)
     *     when the gateway is not ready within {@code timeout}; any other failure (e.g. a refused identity) at once
     */
    java.time.Duration awaitReady(java.time.Duration timeout);

    /** The channel name (default {@code fairmark}). */
    String channelName();

    /** The chaincode name (default {@code fairmark}). */
    String chaincodeName();

    /** Releases the gateway, and the gRPC channel when this client created it. Idempotent. */
    @Override
    void close();

    /**
     * Settings of a {@link FairmarkClient}.
     *
     * <pre>{@code
     * FairmarkClient client = FairmarkClient.builder()
     *         .connection(network.inProcessChannel())          // embedded network; or .endpoint(host, port)
     *         .identity(FairmarkIdentity.fromWallet(network.wallet().directory(), "packer@coop"))
     *         .retryPolicy(RetryPolicy.builder().maxAttempts(8).build())
     *         .connect();
     * }</pre>
     */
    final class Builder {
        String host;
        int port;
        Channel channel;
        Path tlsRootCertificates;
        Path tlsClientCertificate;
        Path tlsClientKey;
        String serverNameOverride;
        ConnectionProfile profile;
        FairmarkIdentity identity;
        String channelName;
        String chaincodeName;
        RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        Duration callTimeout = Gateways.DEFAULT_CALL_TIMEOUT;
        Duration commitTimeout = Gateways.DEFAULT_COMMIT_TIMEOUT;

        private Builder() {}

        /**
         * Each organization's gateway from a connection profile: every identity (this one and those of
         * {@link FairmarkClient#withIdentity}) talks to its own organization's gateway. Also sets the channel and
         * chaincode names unless {@link #channelName}/{@link #chaincodeName} are given. The client opens the gRPC
         * channels and closes them on {@link #close()}.
         *
         * <pre>{@code
         * FairmarkClient client = FairmarkClient.builder()
         *         .profile(ConnectionProfile.load(Path.of("connection.json")))
         *         .identity(FairmarkIdentity.fromWallet(wallet, "inspector@bureau"))   // BureauMSP's gateway
         *         .connect();
         * }</pre>
         */
        public Builder profile(ConnectionProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile == null");
            return this;
        }

        /**
         * Reads the connection profile file {@code file} ({@link ConnectionProfile#load}) and uses it as
         * {@link #profile(ConnectionProfile)}.
         *
         * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#INVALID_ARGUMENT} or
         *     {@link org.fairmark.domain.ErrorCode#PAYLOAD_TOO_LARGE} when the file is not a valid profile
         */
        public Builder profile(Path file) {
            Objects.requireNonNull(file, "file == null");
            return profile(ConnectionProfile.load(file));
        }

        /**
         * The gateway peer's host and port, for every identity (development; with several organizations prefer
         * {@link #profile}); the client creates the gRPC channel and closes it on {@link #close()}.
         */
        public Builder endpoint(String host, int port) {
            this.host = Objects.requireNonNull(host, "host == null");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * An existing gRPC channel to the gateway, e.g. the embedded network's {@code inProcessChannel()}; the caller
         * keeps ownership and closes it.
         */
        public Builder connection(Channel channel) {
            this.channel = Objects.requireNonNull(channel, "channel == null");
            return this;
        }

        /** PEM file of the CA certificates that issued the peer's TLS certificate; enables TLS for {@link #endpoint}. */
        public Builder tlsRootCertificates(Path pemFile) {
            this.tlsRootCertificates = Objects.requireNonNull(pemFile, "pemFile == null");
            return this;
        }

        /** Client certificate and key (PEM) for mutual TLS; requires {@link #tlsRootCertificates}. */
        public Builder tlsClientCertificate(Path certificatePem, Path privateKeyPem) {
            this.tlsClientCertificate = Objects.requireNonNull(certificatePem, "certificatePem == null");
            this.tlsClientKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem == null");
            return this;
        }

        /** The host name expected in the peer's TLS certificate when it differs from the endpoint host. */
        public Builder serverNameOverride(String serverName) {
            this.serverNameOverride = Objects.requireNonNull(serverName, "serverName == null");
            return this;
        }

        /** The identity to sign as. */
        public Builder identity(FairmarkIdentity identity) {
            this.identity = Objects.requireNonNull(identity, "identity == null");
            return this;
        }

        /** The Fabric channel, default the profile's, else {@code fairmark}. */
        public Builder channelName(String channelName) {
            this.channelName = Objects.requireNonNull(channelName, "channelName == null");
            return this;
        }

        /** The chaincode, default the profile's, else {@code fairmark}. */
        public Builder chaincodeName(String chaincodeName) {
            this.chaincodeName = Objects.requireNonNull(chaincodeName, "chaincodeName == null");
            return this;
        }

        /** How writes invalidated by read conflicts are resubmitted; default {@link RetryPolicy#DEFAULT}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
            return this;
        }

        /** Deadline of each evaluate, endorse and submit call; default 30 s. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive(callTimeout, "callTimeout");
            return this;
        }

        /** Deadline for the commit status of a submitted transaction; default 1 min. */
        public Builder commitTimeout(Duration commitTimeout) {
            this.commitTimeout = positive(commitTimeout, "commitTimeout");
            return this;
        }

        /**
         * Connects. No network traffic happens until the first call, so an unreachable gateway is reported by that
         * call ({@link FairmarkException#isUnavailable()}).
         *
         * @throws IllegalStateException when the identity or the connection is missing, or more than one of a profile,
         *     an endpoint and a channel were given
         * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#INVALID_ARGUMENT} when a TLS file cannot be
         *     read; {@link org.fairmark.domain.ErrorCode#IDENTITY_INVALID} when the profile has no gateway for the
         *     identity's organization
         */
        public FairmarkClient connect() {
            if (identity == null) {
                throw new IllegalStateException("identity is required");
            }
            int connections = (host != null ? 1 : 0) + (channel != null ? 1 : 0) + (profile != null ? 1 : 0);
            if (connections != 1) {
                throw new IllegalStateException(
                        "exactly one of profile(...), endpoint(host, port) and connection(channel) is required");
            }
            if (profile != null && (tlsRootCertificates != null || tlsClientCertificate != null
                    || serverNameOverride != null)) {
                throw new IllegalStateException("with a connection profile the TLS settings come from the profile");
            }
            if (channel != null && tlsRootCertificates != null) {
                throw new IllegalStateException("TLS settings apply to endpoint(host, port), not to a given channel");
            }
            if (tlsClientCertificate != null && tlsRootCertificates == null) {
                throw new IllegalStateException("mutual TLS needs tlsRootCertificates as well");
            }
            return FairmarkClientImpl.connect(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name + " == null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }
}
