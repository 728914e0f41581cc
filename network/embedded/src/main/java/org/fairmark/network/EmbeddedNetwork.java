package org.fairmark.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.FastEcdsa;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.fairmark.devca.TlsMaterial;
import org.fairmark.devca.Wallet;
import org.fairmark.network.ledger.BlockStore;
import org.fairmark.network.ledger.LedgerCorruptedException;
import org.fairmark.network.ledger.LedgerRecovery;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.StateSnapshots;
import org.fairmark.network.ledger.LedgerVerifier;
import org.fairmark.network.ledger.VerifyReport;
import org.fairmark.simulator.InProcessChaincode;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A single-process Fabric-compatible development network: one channel, one chaincode run in-process, four
 * organizations with one peer each, a solo orderer and a crash-safe block store, behind the Fabric Gateway gRPC
 * service, so the unchanged {@code fabric-gateway} client submits, evaluates and listens to events as against a
 * Fabric peer.
 *
 * <p>The first start in an empty data directory creates a development network there: the organizations of the
 * {@link Roster} ({@code CoopMSP}, {@code BureauMSP}, {@code CarrierMSP} and {@code MarketMSP}), each with a development CA, a peer
 * identity and users whose certificates carry {@code fairmark.role} (see the constants of this class), written as PEM
 * files to the {@linkplain #wallet() wallet}. Later starts reuse that material and continue the ledger: the world
 * state is rebuilt from the blocks and block numbers and hashes continue.
 *
 * <pre>{@code
 * try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(Path.of("build/devnet")).port(0).start()) {
 *     Identity producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
 *     Gateway gateway = Gateway.newInstance()
 *             .identity(new X509Identity(producer.mspId(), producer.certificate()))
 *             .signer(Signers.newPrivateKeySigner(producer.privateKey()))
 *             .hash(Hash.SHA256)
 *             .connection(network.inProcessChannel())
 *             .connect();
 *     Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe. {@link #close()} stops accepting transactions, commits those already submitted and
 * releases the data directory.
 */
public final class EmbeddedNetwork implements AutoCloseable {
    /** Wallet name of a CoopMSP producer ({@code fairmark.role=producer}). */
    public static final String PRODUCER = Roster.PRODUCER;
    /** Wallet name of a CoopMSP packer ({@code fairmark.role=packer}). */
    public static final String PACKER = Roster.PACKER;
    /**
     * Wallet name of a BureauMSP inspector ({@code fairmark.role=inspector},
     * {@code fairmark.jurisdiction=130227,1302}).
     */
    public static final String INSPECTOR = Roster.INSPECTOR;
    /** Wallet name of a BureauMSP auditor ({@code fairmark.role=auditor}). */
    public static final String AUDITOR = Roster.AUDITOR;
    /** Wallet name of a CarrierMSP carrier ({@code fairmark.role=carrier}). */
    public static final String CARRIER = Roster.CARRIER;
    /** Wallet name of a MarketMSP buyer ({@code fairmark.role=buyer}). */
    public static final String BUYER = Roster.BUYER;

    /**
     * File name of the connection profile ({@code fairmark-connection-profile/1}, see the client's
     * {@code ConnectionProfile}) that a network listening on TCP writes into its data directory: every organization
     * mapped to the network's (shared, plaintext) endpoint. Removed again on {@link #close()}.
     */
    public static final String CONNECTION_PROFILE = "connection.json";

    /**
     * Directory (in the data directory) of a network started with {@linkplain Builder#tls(boolean) TLS}: the
     * development TLS CA ({@code ca/}, created on the first TLS start), its certificate {@link #TLS_CA_CERTIFICATE}
     * that clients trust, and the server certificate and key issued at every TLS start.
     */
    public static final String TLS_DIR = "tls";
    /** The TLS CA certificate clients trust, relative to the data directory. */
    public static final String TLS_CA_CERTIFICATE = TLS_DIR + "/ca.pem";

    /** The default maximum number of transactions per block, Fabric's {@code BatchSize.MaxMessageCount} default. */
    public static final int DEFAULT_BLOCK_SIZE = 100;
    /** The default time the orderer waits to fill a block. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(200);

    private static final Logger LOGGER = Logger.getLogger(EmbeddedNetwork.class.getName());
    private static final Map<String, InProcessChaincode> CHAINCODES = new ConcurrentHashMap<>();
    private static final ObjectMapper PROFILE_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final NetworkLayout layout;
    private final String host;
    private final MembershipService membership;
    private final SignaturePolicyEnvelope endorsementPolicy;
    private final BlockStore store;
    private final LedgerState state;
    private final Endorser endorser;
    private final StateSnapshots.Startup stateStartup;
    private final Committer committer;
    private final CommitNotifier notifier;
    private final Orderer orderer;
    private final ExecutorService grpcExecutor;
    private final ExecutorService eventExecutor;
    private final String inProcessName;
    private final Server inProcessServer;
    private final Server tcpServer;
    private final Path connectionProfile;
    private final Path tlsCaCertificate;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final Object closeLock = new Object();
    private boolean closed;

    private EmbeddedNetwork(Builder builder) throws IOException {
        layout = StartFailures.openLayout(builder.dataDir, builder.channel, builder.chaincode, builder.endorsementPolicy);
        host = builder.host;
        List<Organization> organizations = layout.organizations();
        membership = new MembershipService(organizations);
        String policyText = builder.endorsementPolicy != null ? builder.endorsementPolicy : layout.endorsementPolicy();
        List<String> mspIds = organizations.stream().map(Organization::mspId).toList();
        endorsementPolicy = policyText != null
                ? SignaturePolicies.resolve(policyText, mspIds)
                : SignaturePolicies.majorityOf(mspIds);
        for (String mspId : SignaturePolicies.mspIds(endorsementPolicy)) {
            if (!membership.knows(mspId)) {
                throw new IllegalArgumentException("the endorsement policy names " + mspId
                        + ", which is not an organization of the network");
            }
        }
        InProcessChaincode chaincode = CHAINCODES.computeIfAbsent(layout.chaincode(), InProcessChaincode::load);
        for (Map.Entry<String, Chaincode> extra : builder.extraContracts.entrySet()) {
            chaincode = chaincode.withContract(extra.getKey(), extra.getValue());
        }

        store = StartFailures.openLedger(layout.ledgerDir());
        boolean started = false;
        ExecutorService grpcThreads = null;
        ExecutorService eventThreads = null;
        Server inProcess = null;
        Server tcp = null;
        Path profile = null;
        Path tlsCa = null;
        Orderer ordering = null;
        try {
            StateSnapshots.Restored restored = StateSnapshots.restore(store);
            state = restored.state();
            stateStartup = restored.startup();
            notifier = new CommitNotifier(state);
            EndorsementPolicy endorsement = new EndorsementPolicy(layout.chaincode(), endorsementPolicy, membership);
            BlockValidator validator = new BlockValidator(layout.channel(), layout.chaincode(), membership, endorsement);
            committer = new Committer(store, state, validator, notifier,
                    new StateSnapshots(layout.ledgerDir(), builder.snapshotInterval));
            if (store.height() == 0) {
                committer.commitGenesis(GenesisBlock.create(layout.channel(), organizations));
            }
            endorser = new Endorser(
                    layout.channel(),
                    layout.chaincode(),
                    builder.chaincodeVersion,
                    chaincode,
                    state,
                    membership,
                    txId -> state.transaction(txId) != null,
                    endorsement,
                    organizations);
            ordering = new Orderer(layout.channel(), membership, builder.blockSize, builder.blockTimeout, committer, failure -> notifier.close(
                    Status.UNAVAILABLE
                            .withDescription("the ledger failed: " + failure.getMessage())
                            .asRuntimeException()));
            ordering.start();
            grpcThreads = Executors.newCachedThreadPool(daemonThreads("fairmark-gateway"));
            eventThreads = Executors.newCachedThreadPool(daemonThreads("fairmark-events"));
            GatewayService service = new GatewayService(
                    layout.channel(), layout.chaincode(), endorser, membership, ordering, committer, notifier, state,
                    eventThreads, new Qscc(layout.channel(), committer, state));
            DeliverService deliver =
                    new DeliverService(layout.channel(), membership, committer, notifier, state, eventThreads);
            inProcessName = "fairmark-embedded-" + UUID.randomUUID();
            inProcess = InProcessServerBuilder.forName(inProcessName)
                    .executor(grpcThreads)
                    .addService(service)
                    .addService(deliver)
                    .build()
                    .start();
            if (builder.port >= 0) {
                NettyServerBuilder serverBuilder =
                        NettyServerBuilder.forAddress(new InetSocketAddress(builder.host, builder.port));
                if (builder.tls) {
                    TlsMaterial material = issueServerTls(layout.dataDir(), builder.host);
                    tlsCa = layout.dataDir().resolve(TLS_CA_CERTIFICATE);
                    serverBuilder.sslContext(GrpcSslContexts.configure(
                                    SslContextBuilder.forServer(material.key(), material.cert()))
                            .build());
                }
                Server server = serverBuilder
                        .executor(grpcThreads)
                        .maxInboundMessageSize(100 * 1024 * 1024)
                        .addService(service)
                        .addService(deliver)
                        .build();
                try {
                    tcp = server.start();
                } catch (IOException e) {
                    throw StartFailures.listenFailure(builder.host, builder.port, e);
                }
                profile = writeConnectionProfile(layout, organizations, builder.host, tcp.getPort(), tlsCa);
            }
            if (tcp != null) {
                service.detailPort(tcp.getPort());
            }
            started = true;
        } finally {
            if (!started) {
                if (profile != null) {
                    deleteQuietly(profile);
                }
                if (tcp != null) {
                    tcp.shutdownNow();
                }
                if (inProcess != null) {
                    inProcess.shutdownNow();
                }
                if (ordering != null) {
                    ordering.close();
                }
                if (grpcThreads != null) {
                    grpcThreads.shutdownNow();
                }
                if (eventThreads != null) {
                    eventThreads.shutdownNow();
                }
                store.close();
            }
        }
        orderer = ordering;
        grpcExecutor = grpcThreads;
        eventExecutor = eventThreads;
        inProcessServer = inProcess;
        tcpServer = tcp;
        connectionProfile = profile;
        tlsCaCertificate = tlsCa;
        LOGGER.info(() -> "Fairmark embedded network started: channel " + layout.channel() + ", chaincode "
                + layout.chaincode() + ", organizations " + organizations()
                + ", endorsement policy " + SignaturePolicies.describe(endorsementPolicy) + ", height " + height()
                + (tcpServer != null
                        ? ", listening on " + host + ":" + port() + (tlsCaCertificate != null ? " (TLS, CA " + tlsCaCertificate + ")" : "")
                        : ", in-process only")
                + ", data " + layout.dataDir().toAbsolutePath() + ", signatures by " + FastEcdsa.get().summary());
    }

    /** A builder with the defaults: port 7051 on 127.0.0.1, channel and chaincode {@code fairmark}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the network in {@code dataDir} with every other setting at its default, listening on an ephemeral
     * port.
     *
     * @throws NetworkStartException with the {@linkplain NetworkStartException#code() code} of what stands in the
     *     way: a corrupt ledger, a ledger in use by another process, an invalid or inaccessible data directory
     */
    public static EmbeddedNetwork start(Path dataDir) throws IOException {
        return builder().dataDir(dataDir).port(0).start();
    }

    /**
     * Recomputes every checksum and hash of the ledger in {@code dataDir} without opening it for writing, and
     * reports the first bad block. Safe to run on a stopped network; on a running one the block being appended may
     * show as truncated.
     *
     * @throws IOException if the ledger files cannot be read
     */
    public static VerifyReport verifyLedger(Path dataDir) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir == null");
        return LedgerVerifier.verify(dataDir.resolve(NetworkLayout.LEDGER_DIR));
    }

    /**
     * The unfinished append that this start cut off the end of the ledger, if it cut one: then the console and
     * {@code network status} should say so.
     */
    public Optional<LedgerRecovery> recovery() {
        return store.recovery();
    }

    /**
     * The last unfinished append cut off the ledger of {@code dataDir} by any start, as one line
     * ({@link LedgerRecovery#summary()}); empty when none was ever cut.
     *
     * @throws IOException if the note cannot be read
     */
    public static Optional<String> lastRecovery(Path dataDir) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir == null");
        return LedgerRecovery.lastNoted(dataDir.resolve(NetworkLayout.LEDGER_DIR));
    }

    /**
     * How this start built the world state: from which snapshot (height, file), how many blocks it replayed after
     * it, and the warnings about snapshots it ignored (damaged, or not matching the chain).
     */
    public StateSnapshots.Startup stateStartup() {
        return stateStartup;
    }

    /**
     * The header of the newest state snapshot in the ledger of {@code dataDir} (height, block hash), without checking
     * its checksum; empty when there is none. For {@code network status}.
     */
    public static Optional<StateSnapshots.Header> newestSnapshot(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir == null");
        return StateSnapshots.newest(dataDir.resolve(NetworkLayout.LEDGER_DIR));
    }

    /**
     * Checks every state snapshot of the ledger in {@code dataDir} against the chain without changing a file:
     * checksum, block hash, and (with {@code replay}) the state replayed from the blocks compared with the
     * snapshot's.
     *
     * @throws IOException if the ledger files cannot be read
     */
    public static List<org.fairmark.network.ledger.SnapshotReport> verifySnapshots(Path dataDir, boolean replay)
            throws IOException {
        Objects.requireNonNull(dataDir, "dataDir == null");
        return LedgerVerifier.verifySnapshots(dataDir.resolve(NetworkLayout.LEDGER_DIR), replay);
    }

    /** The TCP port the Gateway service listens on, or -1 when the network was started without one. */
    public int port() {
        return tcpServer == null ? -1 : tcpServer.getPort();
    }

    /**
     * The connection profile written into the data directory ({@link #CONNECTION_PROFILE}) when the network listens on
     * TCP; empty for an in-process-only network. Clients load it with {@code ConnectionProfile.load(path)} or
     * {@code fairmark --network PATH}.
     */
    public Optional<Path> connectionProfile() {
        return Optional.ofNullable(connectionProfile);
    }

    /**
     * The TLS CA certificate (PEM file) that clients trust when the network was started with
     * {@linkplain Builder#tls(boolean) TLS}; empty for a plaintext or in-process-only network.
     */
    public Optional<Path> tlsCaCertificate() {
        return Optional.ofNullable(tlsCaCertificate);
    }

    /** The address the TCP listener is bound to. */
    public String host() {
        return host;
    }

    /**
     * A new in-process gRPC channel to the Gateway service: no sockets, no TLS, same wire format. The network shuts
     * it down on {@link #close()}; callers may shut it down earlier.
     */
    public ManagedChannel inProcessChannel() {
        ManagedChannel channel = InProcessChannelBuilder.forName(inProcessName).build();
        channels.add(channel);
        return channel;
    }

    /** The wallet with the users of the development network, e.g. {@code wallet().get(PRODUCER)}. */
    public Wallet wallet() {
        return layout.wallet();
    }

    /** The data directory. */
    public Path dataDir() {
        return layout.dataDir();
    }

    /** The channel name clients use with {@code Gateway.getNetwork}. */
    public String channelName() {
        return layout.channel();
    }

    /** The chaincode name clients use with {@code Network.getContract}. */
    public String chaincodeName() {
        return layout.chaincode();
    }

    /** The MSP ids of the channel's organizations. */
    public List<String> organizations() {
        List<String> ids = new ArrayList<>();
        layout.organizations().forEach(organization -> ids.add(organization.mspId()));
        return List.copyOf(ids);
    }

    /** The chaincode endorsement policy in Fabric's policy language, e.g. {@code OR('CoopMSP.peer', ...)}. */
    public String endorsementPolicy() {
        return SignaturePolicies.describe(endorsementPolicy);
    }

    /** The number of committed blocks, genesis included. */
    public long height() {
        return state.height();
    }

    /**
     * The JCA provider that signs and verifies ECDSA signatures ({@code Conscrypt}, else {@code BC}), chosen once per
     * process by {@link FastEcdsa}.
     */
    public String signatureProvider() {
        return FastEcdsa.get().providerName();
    }

    /**
     * How much public-key cryptography the network has done since the JVM started: the work that bounds its
     * throughput. Counts every network in the JVM.
     */
    public CryptoCounters cryptoCounters() {
        return new CryptoCounters(
                FastEcdsa.get().signatureCount(), FastEcdsa.get().verificationCount(), membership.chainValidations());
    }

    /**
     * CPU time the endorser spent inside the contract since the network started, per function name (the first
     * argument, e.g. {@code batch:Register}): the thread CPU time of each simulation (the shim's routing, the
     * contract, its reads and writes), endorsements and evaluations alike. Read it before and after a load to get
     * the contract's CPU per call.
     */
    public Map<String, ContractCalls> contractCpu() {
        return endorser.contractCpu();
    }

    /**
     * Calls of one contract function and the thread CPU time they took.
     *
     * @param calls simulations of the function
     * @param cpuNanos their CPU time in nanoseconds
     */
    public record ContractCalls(long calls, long cpuNanos) {}

    /**
     * Counts of the network's ECDSA operations.
     *
     * @param signatures endorsement signatures made
     * @param verifications signatures verified: proposals, transactions, endorsements, commit status and event
     *     requests
     * @param certificateChainValidations certificate chains verified by this network (each identity once, then cached)
     */
    public record CryptoCounters(long signatures, long verifications, long certificateChainValidations) {}

    /**
     * Revokes the certificate of the wallet identity {@code name} at its organization's CA and puts the new
     * revocation list into force, as a channel configuration update would: the identity's proposals and
     * transactions are rejected from now on.
     *
     * @throws org.fairmark.devca.DevCaException if the wallet has no such identity
     * @throws IllegalArgumentException if its organization is not in the network
     */
    public void revoke(String name) {
        Identity identity = wallet().get(name);
        revoke(identity.mspId(), identity.certificate());
    }

    /**
     * Revokes {@code certificate}, issued by the CA of {@code mspId}; see {@link #revoke(String)}.
     *
     * @throws IllegalArgumentException if the organization is unknown or its CA did not issue the certificate
     */
    public void revoke(String mspId, X509Certificate certificate) {
        Organization organization = layout.organizations().stream()
                .filter(candidate -> candidate.mspId().equals(mspId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(mspId + " is not an organization of the network"));
        synchronized (closeLock) {
            organization.ca().revoke(certificate);
            layout.saveCa(organization);
            membership.updateCrl(mspId, organization.ca().crl());
        }
        LOGGER.info(() -> "revoked " + certificate.getSubjectX500Principal().getName() + " of " + mspId);
    }

    /**
     * Stops the network: no new transactions are accepted, transactions already submitted are committed, clients
     * waiting for events are disconnected and the data directory is released. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        orderer.close();
        committer.snapshotBeforeClose();
        notifier.close(Status.UNAVAILABLE.withDescription("the network is shutting down").asRuntimeException());
        if (tcpServer != null) {
            tcpServer.shutdown();
        }
        inProcessServer.shutdown();
        channels.forEach(ManagedChannel::shutdownNow);
        eventExecutor.shutdownNow();
        try {
            if (tcpServer != null && !tcpServer.awaitTermination(2, TimeUnit.SECONDS)) {
                tcpServer.shutdownNow();
            }
            if (!inProcessServer.awaitTermination(2, TimeUnit.SECONDS)) {
                inProcessServer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        grpcExecutor.shutdownNow();
        if (connectionProfile != null) {
            deleteQuietly(connectionProfile);
        }
        try {
            store.close();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot close the block store", e);
        }
        LOGGER.info(() -> "Fairmark embedded network stopped at height " + state.height());
    }

    @Override
    public String toString() {
        return "EmbeddedNetwork[channel=" + channelName() + ", chaincode=" + chaincodeName() + ", port=" + port()
                + ", dataDir=" + dataDir() + "]";
    }

    /**
     * Writes {@link #CONNECTION_PROFILE}: each organization's gateway is this network's endpoint (a wildcard bind
     * address is written as loopback), plaintext or TLS trusting {@code tlsCa} (null: plaintext).
     */
    private static Path writeConnectionProfile(NetworkLayout layout, List<Organization> organizations, String host,
            int port, Path tlsCa) throws IOException {
        String address = host;
        if (address.equals("0.0.0.0") || address.isEmpty()) {
            address = "127.0.0.1";
        } else if (address.equals("::") || address.equals("[::]")) {
            address = "[::1]";
        } else if (address.contains(":") && !address.startsWith("[")) {
            address = "[" + address + "]";
        }
        ObjectNode root = PROFILE_JSON.createObjectNode();
        root.put("format", "fairmark-connection-profile/1");
        root.put("name", "fairmark-embedded");
        root.put("channel", layout.channel());
        root.put("chaincode", layout.chaincode());
        ObjectNode orgs = root.putObject("organizations");
        for (Organization organization : organizations) {
            ObjectNode org = orgs.putObject(organization.mspId());
            org.put("endpoint", address + ":" + port);
            org.put("tls", tlsCa != null);
            if (tlsCa != null) {
                org.putObject("tlsCACerts").put("path", tlsCa.toAbsolutePath().toString());
            }
        }
        Path file = layout.dataDir().resolve(CONNECTION_PROFILE);
        Path temporary = file.resolveSibling(CONNECTION_PROFILE + ".tmp");
        Files.writeString(temporary, PROFILE_JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /**
     * The TLS CA of the data directory (created on first use) issues a fresh server certificate for
     * {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the bound host; CA certificate and server material are
     * written under {@link #TLS_DIR}.
     */
    private static TlsMaterial issueServerTls(Path dataDir, String host) throws IOException {
        Path tlsDir = dataDir.resolve(TLS_DIR);
        Path caDir = tlsDir.resolve("ca");
        CertificateAuthority ca;
        if (Files.isDirectory(caDir)) {
            ca = CertificateAuthority.load(caDir);
        } else {
            ca = CertificateAuthority.create("FairmarkTlsCA", "tls.fairmark.example.com");
            ca.save(caDir);
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        String bound = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bound.isEmpty() && !bound.equals("0.0.0.0") && !bound.equals("::")) {
            names.add(bound);
        }
        TlsMaterial material = ca.issueTlsServer(names.toArray(String[]::new));
        Files.writeString(tlsDir.resolve("ca.pem"), ca.certificatePem(), StandardCharsets.UTF_8);
        Files.writeString(tlsDir.resolve("server-cert.pem"), material.certificatePem(), StandardCharsets.UTF_8);
        Path key = tlsDir.resolve("server-key.pem");
        Files.deleteIfExists(key);
        Files.createFile(key);
        try {
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on other file systems
        }
        Files.writeString(key, material.privateKeyPem(), StandardCharsets.UTF_8);
        return material;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot remove " + file, e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Settings of an {@link EmbeddedNetwork}. Only {@link #dataDir} is required.
     *
     * <pre>{@code
     * EmbeddedNetwork network = EmbeddedNetwork.builder()
     *         .dataDir(Path.of("build/devnet"))
     *         .port(0)                                  // ephemeral; -1 for in-process only
     *         .blockSize(10)
     *         .blockTimeout(Duration.ofMillis(20))
     *         .start();
     * }</pre>
     */
    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private int port = 7051;
        private String channel;
        private String chaincode;
        private String chaincodeVersion = "1.0";
        private int blockSize = DEFAULT_BLOCK_SIZE;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private int snapshotInterval = StateSnapshots.DEFAULT_INTERVAL;
        private String endorsementPolicy;
        private boolean tls;
        private final Map<String, Chaincode> extraContracts = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Also serves {@code contractName:*} functions with a low-level chaincode, in the same namespace and
         * transaction flow, without adding it to the contract metadata; {@code fairmark bench} deploys its
         * {@code bench:BlindWrite} and {@code bench:Noop} baselines this way. Nothing is stored: give it at every
         * start.
         */
        public Builder extraContract(String contractName, Chaincode chaincode) {
            Objects.requireNonNull(contractName, "contractName == null");
            Objects.requireNonNull(chaincode, "chaincode == null");
            extraContracts.put(contractName, chaincode);
            return this;
        }

        /**
         * Whether the TCP listener speaks TLS (HTTP/2 over TLS with ALPN {@code h2}, as a Fabric peer): the server
         * certificate is issued at start by the data directory's development TLS CA for {@code localhost},
         * {@code 127.0.0.1}, {@code ::1} and the {@linkplain #host bound host}, and the written connection profile
         * says {@code "tls": true} with that CA ({@link #TLS_CA_CERTIFICATE}). Plaintext unless set; the in-process
         * channel never uses TLS.
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** The directory holding the network's crypto material, wallet and ledger; created if needed. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir == null");
            return this;
        }

        /** The address to listen on; {@code 127.0.0.1} unless set. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host == null");
            return this;
        }

        /** The TCP port: 0 for an ephemeral one, -1 for none (in-process channels only). */
        public Builder port(int port) {
            if (port < -1 || port > 65_535) {
                throw new IllegalArgumentException("port must be -1..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The channel name; a new network's is {@code fairmark}, an existing one's must match. */
        public Builder channel(String channel) {
            this.channel = requireName(channel, "channel");
            return this;
        }

        /** The chaincode name; a new network's is {@code fairmark}, an existing one's must match. */
        public Builder chaincode(String chaincode) {
            this.chaincode = requireName(chaincode, "chaincode");
            return this;
        }

        /** The chaincode version recorded in proposal responses; {@code 1.0} unless set. */
        public Builder chaincodeVersion(String chaincodeVersion) {
            this.chaincodeVersion = Objects.requireNonNull(chaincodeVersion, "chaincodeVersion == null");
            return this;
        }

        /** The most transactions per block, at least 1. */
        public Builder blockSize(int blockSize) {
            if (blockSize < 1) {
                throw new IllegalArgumentException("blockSize < 1: " + blockSize);
            }
            this.blockSize = blockSize;
            return this;
        }

        /** How long the orderer waits for more transactions before cutting a block; positive. */
        /**
         * Writes a state snapshot after every {@code blocks} blocks (default
         * {@value StateSnapshots#DEFAULT_INTERVAL}); 0: only on a clean close. A start loads the newest valid one
         * and replays only the blocks after it.
         */
        public Builder snapshotInterval(int blocks) {
            if (blocks < 0) {
                throw new IllegalArgumentException("snapshotInterval must be >= 0: " + blocks);
            }
            this.snapshotInterval = blocks;
            return this;
        }

        public Builder blockTimeout(Duration blockTimeout) {
            Objects.requireNonNull(blockTimeout, "blockTimeout == null");
            if (blockTimeout.isNegative() || blockTimeout.isZero()) {
                throw new IllegalArgumentException("blockTimeout must be positive: " + blockTimeout);
            }
            this.blockTimeout = blockTimeout;
            return this;
        }

        /**
         * The chaincode endorsement policy in Fabric's signature policy language, e.g.
         * {@code AND('CoopMSP.peer','BureauMSP.peer')} or {@code OutOf(2, 'CoopMSP.peer', 'BureauMSP.peer',
         * 'MarketMSP.peer')}, or the keywords {@code MAJORITY} (more than half of the organizations' peers, Fabric's
         * default) and {@code ANY} (any one organization's peer). Default: {@code MAJORITY}. Stored with a new
         * network.
         *
         * @throws IllegalArgumentException if the text is not a policy
         */
        public Builder endorsementPolicy(String endorsementPolicy) {
            Objects.requireNonNull(endorsementPolicy, "endorsementPolicy == null");
            SignaturePolicies.check(endorsementPolicy);
            this.endorsementPolicy = endorsementPolicy;
            return this;
        }

        /**
         * Creates or reopens the network in the data directory and starts serving.
         *
         * <p>Opening the ledger cuts an unfinished last append (a last frame shorter than its header says), logs it
         * at WARNING and notes it ({@link #recovery()}, {@link #lastRecovery(Path)}); it refuses a ledger damaged
         * anywhere else, a complete last frame that fails its checksum included, and changes no file then.
         *
         * @throws NetworkStartException with the {@linkplain NetworkStartException#code() code} of what stands in
         *     the way: {@code LEDGER_CORRUPT} (the cause is the {@link LedgerCorruptedException} with block, file
         *     and offset), {@code LEDGER_LOCKED}, {@code DATA_DIR_INVALID} (not a directory, files missing or
         *     malformed, another channel or chaincode than requested), {@code DATA_DIR_INACCESSIBLE} (permission
         *     denied, I/O error), {@code PORT_IN_USE} (the TCP port is taken), {@code INVALID_ARGUMENT} (the host
         *     cannot be listened on)
         */
        public EmbeddedNetwork start() throws IOException {
            Objects.requireNonNull(dataDir, "dataDir == null");
            return new EmbeddedNetwork(this);
        }

        private static String requireName(String name, String what) {
            Objects.requireNonNull(name, what + " == null");
            if (!name.matches("[a-z][a-z0-9.-]{0,248}") && !name.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,248}")) {
                throw new IllegalArgumentException("invalid " + what + " name: '" + name + "'");
            }
            return name;
        }
    }
}
