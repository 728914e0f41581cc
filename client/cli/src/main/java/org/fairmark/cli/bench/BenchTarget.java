package org.fairmark.cli.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FastSigner;
import org.fairmark.client.Gateways;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.client.RetryPolicy;
import org.fairmark.devca.FastSha256;
import org.fairmark.devca.Identity;
import org.fairmark.network.EmbeddedNetwork;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;

/**
 * What a benchmark talks to: the embedded network it started (over loopback TCP, as a separate client would) or the
 * gateways of a connection profile. Clients never retry MVCC conflicts, so the report counts them.
 *
 * <p>Clients of the embedded network do their gRPC I/O and callbacks on threads of their own, named
 * {@value #CLIENT_THREADS}{@code *} like the workers, so that the client side's CPU can be told from the network's in
 * the one process.
 */
public final class BenchTarget implements AutoCloseable {
    /** The name prefix of every client-side thread: workers, gRPC I/O and callbacks. */
    public static final String CLIENT_THREADS = "fairmark-bench-";

    private final EmbeddedNetwork network;
    private final Map<FairmarkClient, ManagedChannel> clientChannels = new ConcurrentHashMap<>();
    private NioEventLoopGroup clientIo;
    private ExecutorService clientCallbacks;
    private final ConnectionProfile profile;
    private final Path wallet;
    private final String description;

    private BenchTarget(EmbeddedNetwork network, ConnectionProfile profile, Path wallet, String description) {
        this.network = network;
        this.profile = profile;
        this.wallet = wallet;
        this.description = description;
    }

    /** Starts an embedded network in {@code dataDir} on an ephemeral loopback port, with the bench contract. */
    public static BenchTarget embedded(Path dataDir, BenchPlan.Network settings) throws IOException {
        EmbeddedNetwork network = EmbeddedNetwork.builder()
                .dataDir(dataDir)
                .port(0)
                .blockSize(settings.blockSize())
                .blockTimeout(Duration.ofMillis(settings.blockTimeoutMs()))
                .endorsementPolicy(settings.endorsementPolicy())
                .extraContract(BenchChaincode.CONTRACT, new BenchChaincode())
                .start();
        return new BenchTarget(network, null, dataDir.resolve("wallet"), "embedded network (loopback TCP, block size "
                + settings.blockSize() + ", block timeout " + settings.blockTimeoutMs() + " ms, endorsement policy "
                + network.endorsementPolicy() + ", signatures by " + network.signatureProvider() + ", SHA-256 by "
                + FastSha256.providerName() + ")");
    }

    /** The gateways of {@code profile}, acting as identities of {@code wallet}. */
    public static BenchTarget profile(ConnectionProfile profile, Path profileFile, Path wallet) {
        Objects.requireNonNull(profile, "profile == null");
        return new BenchTarget(null, profile, wallet, "connection profile " + profileFile + " ("
                + profile.gateways().size() + " gateways)");
    }

    public boolean embedded() {
        return network != null;
    }

    public String description() {
        return description;
    }

    /** The embedded network, or null. */
    public EmbeddedNetwork network() {
        return network;
    }

    /** A new client with its own connection, acting as wallet identity {@code name}. */
    public FairmarkClient connect(String name) {
        FairmarkIdentity identity = FairmarkIdentity.fromWallet(wallet, name);
        FairmarkClient.Builder builder = FairmarkClient.builder().identity(identity).retryPolicy(RetryPolicy.NONE);
        if (network == null) {
            return builder.profile(profile).connect();
        }
        ManagedChannel channel = clientChannel();
        try {
            FairmarkClient client = builder.connection(channel).connect();
            clientChannels.put(client, channel);
            return client;
        } catch (RuntimeException e) {
            closeChannel(channel);
            throw e;
        }
    }

    /** Closes a client made by {@link #connect} and, on the embedded network, its channel. */
    public void release(FairmarkClient client) {
        client.close();
        ManagedChannel channel = clientChannels.remove(client);
        if (channel != null) {
            closeChannel(channel);
        }
    }

    /** A plaintext loopback channel to the embedded network on the client-side threads. */
    private synchronized ManagedChannel clientChannel() {
        if (clientIo == null) {
            AtomicInteger ioThreads = new AtomicInteger();
            clientIo = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, CLIENT_THREADS + "io-" + ioThreads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            AtomicInteger callbackThreads = new AtomicInteger();
            clientCallbacks = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, CLIENT_THREADS + "callback-" + callbackThreads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return NettyChannelBuilder.forAddress("127.0.0.1", network.port())
                .usePlaintext()
                .eventLoopGroup(clientIo)
                .channelType(NioSocketChannel.class)
                .executor(clientCallbacks)
                .maxInboundMessageSize(100 * 1024 * 1024)
                .build();
    }

    private static void closeChannel(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    FairmarkIdentity identity(String name) {
        return FairmarkIdentity.fromWallet(wallet, name);
    }

    /** A raw fabric-gateway connection for the bench contract; embedded network only. */
    RawConnection raw(String name) {
        if (network == null) {
            throw new IllegalStateException("the bench contract runs on the embedded network only");
        }
        Identity identity = network.wallet().get(name);
        ManagedChannel channel = clientChannel();
        // set up as the Fairmark client's gateway (signer, digests, deadlines), so that the baseline's client side
        // costs the same
        Gateway gateway = Gateways.builder(identity.mspId(), identity.certificate(), FastSigner.of(identity.privateKey()),
                        channel, Gateways.DEFAULT_CALL_TIMEOUT, Gateways.DEFAULT_COMMIT_TIMEOUT)
                .connect();
        return new RawConnection(channel, gateway,
                gateway.getNetwork(network.channelName()).getContract(network.chaincodeName()));
    }

    @Override
    public void close() {
        clientChannels.forEach((client, channel) -> {
            client.close();
            closeChannel(channel);
        });
        clientChannels.clear();
        if (network != null) {
            network.close();
        }
        synchronized (this) {
            if (clientIo != null) {
                clientIo.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                clientCallbacks.shutdownNow();
            }
        }
    }

    /** A gateway over its own channel. */
    record RawConnection(ManagedChannel channel, Gateway gateway, Contract contract) implements AutoCloseable {
        @Override
        public void close() {
            gateway.close();
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
