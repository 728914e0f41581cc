package org.fairmark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.client.LocalReads;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.LedgerReader;
import org.fairmark.network.NetworkStartException;

/**
 * The ledger connection of one command: the connection profile of {@code --network} or {@code $FAIRMARK_NETWORK}
 * (each identity talks to its own organization's gateway), a single Fabric Gateway given by {@code --gateway}, the
 * background network of the data directory when it runs, or else the development network started in this process for
 * the command's duration (created, with its wallet, on first use). Clients are opened lazily, one per identity.
 */
final class Session implements AutoCloseable {
    /** How the session reaches the ledger. */
    enum Mode {
        PROFILE,
        GATEWAY,
        BACKGROUND,
        IN_PROCESS
    }

    private final RootCommand root;
    private final Path dataDir;
    private final Mode mode;
    private final int backgroundPort;
    private final ConnectionProfile profile;
    private final Map<String, FairmarkClient> clients = new LinkedHashMap<>();
    private EmbeddedNetwork network;
    private Thread closeOnExit;
    private FairmarkClient base;
    private LedgerReader reader;
    private boolean readerFailed;

    private Session(RootCommand root, Path dataDir, Mode mode, int backgroundPort, ConnectionProfile profile) {
        this.root = root;
        this.dataDir = dataDir;
        this.mode = mode;
        this.backgroundPort = backgroundPort;
        this.profile = profile;
    }

    /** A session for the command's options; nothing is started or connected yet. */
    static Session of(RootCommand root) {
        return of(root, root.dataDirectory());
    }

    /** A session on {@code dataDir} instead of the options' data directory. */
    static Session of(RootCommand root, Path dataDir) {
        Path profileFile = root.networkProfile();
        if (profileFile != null) {
            if (root.tlsCert != null || root.serverName != null) {
                throw new UsageException("--tls-cert and --server-name go with --gateway; a connection profile has each"
                        + " organization's TLS settings");
            }
            return new Session(root, dataDir, Mode.PROFILE, -1, ConnectionProfile.load(profileFile));
        }
        if (root.gateway != null) {
            return new Session(root, dataDir, Mode.GATEWAY, -1, null);
        }
        if (root.cert != null || root.key != null || root.mspId != null || root.tlsCert != null) {
            throw new UsageException("--tls-cert, --msp-id, --cert and --key go with --gateway or --network");
        }
        Optional<BackgroundNetwork.Running> running = BackgroundNetwork.running(dataDir);
        if (running.isPresent()) {
            return new Session(root, dataDir, Mode.BACKGROUND, running.get().port(), null);
        }
        return new Session(root, dataDir, Mode.IN_PROCESS, -1, null);
    }

    /** The connection profile in {@link Mode#PROFILE}, else null. */
    ConnectionProfile profile() {
        return profile;
    }

    Mode mode() {
        return mode;
    }

    Path dataDir() {
        return dataDir;
    }

    Path wallet() {
        return dataDir.resolve("wallet");
    }

    /** The in-process network, started on first call; only in {@link Mode#IN_PROCESS}. */
    EmbeddedNetwork network() {
        if (mode != Mode.IN_PROCESS) {
            throw new IllegalStateException("no in-process network in mode " + mode);
        }
        if (network == null) {
            network = startInProcess(dataDir);
            network.recovery().ifPresent(recovery -> root.output().note("warning: " + recovery.summary()));
            network.stateStartup().warnings().forEach(warning -> root.output().note("warning: " + warning));
            // Ctrl-C: let the network commit what was already submitted and release the data directory
            EmbeddedNetwork started = network;
            closeOnExit = new Thread(started::close, "fairmark-close-network");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
        }
        return network;
    }

    /**
     * Makes sure the data directory holds a development network (organizations, CAs, wallet), creating it quietly on
     * first use. Does nothing for a gateway.
     */
    void ensureDevelopmentNetwork() {
        if (mode == Mode.IN_PROCESS && !Files.exists(dataDir.resolve("network.properties"))) {
            network();
        }
    }

    static EmbeddedNetwork startInProcess(Path dataDir) {
        try {
            return EmbeddedNetwork.builder()
                    .dataDir(dataDir)
                    .port(-1)
                    .blockTimeout(Duration.ofMillis(10))
                    .start();
        } catch (NetworkStartException e) {
            throw new CliException(e.code(), "cannot open the development network in " + dataDir + ": "
                    + e.getMessage() + (e.code() == ErrorCode.LEDGER_LOCKED
                            ? "; 'fairmark network start' runs one network that several commands share" : ""), e);
        } catch (IOException | RuntimeException e) {
            throw new CliException(ErrorCode.INTERNAL_ERROR, "cannot open the development network in " + dataDir + ": "
                    + e, e);
        }
    }

    /**
     * System property: {@code network} makes read commands go through the development network even when none runs
     * in the background (the reads of a stopped network are otherwise answered from its ledger files).
     */
    static final String READS_PROPERTY = "fairmark.reads";

    /**
     * A client for a read-only command, acting as {@link #client(Role)} would. When no network runs for the data
     * directory (no background network, none opened in this process) and the directory holds one, the reads are
     * answered from its ledger files in this process ({@link LedgerReader}: the newest state snapshot and the blocks
     * after it, the contract's read transactions run directly), without starting the network; the answers are the
     * bytes the network would return. Otherwise, or when the ledger cannot be read that way, as {@link #client(Role)}.
     */
    FairmarkClient readClient(Role role) {
        if (mode != Mode.IN_PROCESS || network != null || readerFailed
                || "network".equals(System.getProperty(READS_PROPERTY)) || !LedgerReader.exists(dataDir)) {
            return client(role);
        }
        String name = root.as != null ? root.as : defaultName(role);
        FairmarkClient existing = clients.get("local:" + name);
        if (existing != null) {
            return existing;
        }
        if (reader == null) {
            try {
                reader = LedgerReader.open(dataDir);
            } catch (IOException | RuntimeException e) {
                // a ledger that needs repair (or anything else): the network's start says what is wrong, coded
                readerFailed = true;
                return client(role);
            }
        }
        LedgerReader ledger = reader;
        LocalReads reads = (identity, function, argument) -> {
            LedgerReader.Answer answer = ledger.evaluate(identity.mspId(), identity.certificate(), function, argument);
            return new LocalReads.Answer(answer.status(), answer.message(), answer.payload());
        };
        FairmarkClient client = FairmarkClient.reading(
                FairmarkIdentity.fromWallet(wallet(), name), ledger.channelName(), ledger.chaincodeName(), reads);
        clients.put("local:" + name, client);
        return client;
    }

    /** A client acting as {@code --as}, or else as the wallet's identity for {@code role} (any identity when null). */
    FairmarkClient client(Role role) {
        if (root.as != null) {
            return client(root.as);
        }
        if ((mode == Mode.GATEWAY || mode == Mode.PROFILE) && root.cert != null) {
            return clientFor(pemIdentity());
        }
        return client(defaultName(role));
    }

    /** A client acting as the wallet identity {@code name}. */
    FairmarkClient client(String name) {
        FairmarkClient existing = clients.get(name);
        if (existing != null) {
            return existing;
        }
        ensureDevelopmentNetwork();
        FairmarkIdentity identity = FairmarkIdentity.fromWallet(wallet(), name);
        FairmarkClient client = clientFor(identity);
        clients.put(name, client);
        return client;
    }

    /**
     * A new client acting as the wallet identity {@code name}, over this session's channel, owned by the caller (it is
     * not closed with the session, though the channel it uses is).
     */
    FairmarkClient newClient(String name) {
        ensureDevelopmentNetwork();
        FairmarkIdentity identity = FairmarkIdentity.fromWallet(wallet(), name);
        if (base == null) {
            client(defaultName(null));
        }
        return base.withIdentity(identity);
    }

    /** The identity a command for {@code role} acts as. */
    FairmarkIdentity identity(Role role) {
        return client(role).identity();
    }

    private FairmarkClient clientFor(FairmarkIdentity identity) {
        if (base == null) {
            FairmarkClient.Builder builder = FairmarkClient.builder().identity(identity);
            switch (mode) {
                case IN_PROCESS -> builder.connection(network().inProcessChannel());
                case PROFILE -> builder.profile(profile);
                case BACKGROUND -> {
                    builder.endpoint("127.0.0.1", backgroundPort);
                    Path tlsCa = BackgroundNetwork.tlsCaCertificate(dataDir);
                    if (tlsCa != null) {
                        builder.tlsRootCertificates(tlsCa);
                    }
                }
                case GATEWAY -> configureGateway(builder);
                default -> throw new IllegalStateException(mode.name());
            }
            base = builder.connect();
            return base;
        }
        if (base.identity().name().equals(identity.name()) && base.identity().mspId().equals(identity.mspId())
                && base.identity().certificate().equals(identity.certificate())) {
            return base;
        }
        return base.withIdentity(identity);
    }

    private void configureGateway(FairmarkClient.Builder builder) {
        String gateway = root.gateway;
        int colon = gateway.lastIndexOf(':');
        if (colon <= 0 || colon == gateway.length() - 1) {
            throw new UsageException("--gateway must be HOST:PORT, not '" + gateway + "'");
        }
        int port;
        try {
            port = Integer.parseInt(gateway.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--gateway must be HOST:PORT, not '" + gateway + "'");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("the --gateway port must be 1..65535");
        }
        builder.endpoint(gateway.substring(0, colon), port);
        if (root.tlsCert != null) {
            builder.tlsRootCertificates(root.tlsCert);
        }
        if (root.serverName != null) {
            builder.serverNameOverride(root.serverName);
        }
    }

    private FairmarkIdentity pemIdentity() {
        if (root.key == null || root.mspId == null) {
            throw new UsageException("--cert needs --key and --msp-id");
        }
        return FairmarkIdentity.fromPem(root.mspId, root.cert, root.key);
    }

    /** The wallet identity used for {@code role} when {@code --as} is not given. */
    String defaultName(Role role) {
        ensureDevelopmentNetwork();
        Path wallet = wallet();
        if (!Files.isDirectory(wallet)) {
            throw new CliException(ErrorCode.IDENTITY_INVALID, "there is no wallet in " + dataDir
                    + "; give --as with a wallet identity, or --cert, --key and --msp-id");
        }
        List<String> names = FairmarkIdentity.walletNames(wallet);
        Role wanted = role == null ? Role.AUDITOR : role;
        String preferred = Roster.walletName(wanted); // preferred when several identities have the role
        // the usual case first: the preferred name holds the role, so no other identity (key and all) is read
        if (names.contains(preferred)
                && FairmarkIdentity.fromWallet(wallet, preferred).role().orElse(null) == wanted) {
            return preferred;
        }
        List<String> candidates = new ArrayList<>();
        for (String name : names) {
            FairmarkIdentity identity = FairmarkIdentity.fromWallet(wallet, name);
            if (identity.role().orElse(null) == wanted) {
                candidates.add(name);
            }
        }
        if (candidates.contains(preferred)) {
            return preferred;
        }
        if (!candidates.isEmpty()) {
            return candidates.get(0);
        }
        if (role == null && !names.isEmpty()) {
            return names.get(0);
        }
        throw new CliException(ErrorCode.IDENTITY_INVALID, "the wallet in " + dataDir + " has no identity with role "
                + wanted.attributeValue() + "; give --as NAME or create one with 'fairmark identity create'");
    }

    @Override
    public void close() {
        for (FairmarkClient client : clients.values()) {
            if (client != base) {
                client.close();
            }
        }
        clients.clear();
        if (base != null) {
            base.close();
            base = null;
        }
        if (network != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting and the hook closes the network
            }
            network.close();
            network = null;
        }
    }
}
