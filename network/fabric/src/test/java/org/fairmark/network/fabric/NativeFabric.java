package org.fairmark.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Pem;
import org.fairmark.devca.Roster;

/**
 * Shared by the tests that run a native Fabric network: which binaries are missing, the host-wide lock that keeps two
 * native networks (fixed ports) from running at once, the scripts, and gRPC channels from a connection profile.
 */
final class NativeFabric {
    static final List<String> BINARIES = List.of("peer", "orderer", "configtxgen", "osnadmin");
    /** Held for as long as a native network of this JVM runs; other processes using the same ports take it too. */
    static final Path LOCK_FILE = Path.of("/tmp/fairmark-fabric.lock");
    static final Path HOME = Path.of("").toAbsolutePath();

    private NativeFabric() {}

    /** The binaries of {@link #BINARIES} missing from PATH. */
    static List<String> missingBinaries(String path) {
        List<String> missing = new ArrayList<>();
        for (String binary : BINARIES) {
            boolean found = false;
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(binary);
            }
        }
        return missing;
    }

    /** Blocks until no other process runs a native network through this lock; close the result to release it. */
    static AutoCloseable lock() throws IOException {
        FileChannel channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        return () -> {
            lock.release();
            channel.close();
        };
    }

    /**
     * Before the channel exists: issues {@link ConformanceSuite#REVOKED} at CoopMSP's CA of the crypto material
     * {@code up.sh --prepare-only} wrote ({@code crypto/orgs/CoopMSP/ca}), with the producer's attributes, revokes it,
     * saves the CA (its {@code revoked.txt}) and writes the CA's CRL into every CoopMSP {@code msp/crls/} folder. The
     * channel's genesis block then carries the CRL in CoopMSP's MSP configuration (configtxgen reads {@code crls/});
     * {@link CryptoExport} writes the same file again when {@code up.sh} runs in full.
     */
    static Identity revokedBeforeTheChannel(Path crypto) throws IOException {
        Path org = crypto.resolve("orgs").resolve(Roster.COOP_MSP);
        CertificateAuthority ca = CertificateAuthority.load(org.resolve("ca"));
        Identity revoked = ConformanceSuite.issueRevoked(ca);
        ca.save(org.resolve("ca"));
        String crl = Pem.writeCrl(ca.crl());
        List<Path> msps;
        try (Stream<Path> files = Files.walk(org)) {
            msps = files.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().equals("msp")).toList();
        }
        for (Path msp : msps) {
            Files.createDirectories(msp.resolve("crls"));
            Files.writeString(msp.resolve("crls").resolve("crl.pem"), crl, StandardCharsets.UTF_8);
        }
        return revoked;
    }

    /** A channel to one organization's gateway of a profile (TLS with its CA certificates and server name). */
    static ManagedChannel channel(ConnectionProfile.GatewayEndpoint gateway) throws IOException {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(gateway.host(), gateway.port());
        if (gateway.tls()) {
            SslContextBuilder ssl = GrpcSslContexts.forClient();
            if (gateway.tlsCaCertificatesPem().isPresent()) {
                ssl.trustManager(new ByteArrayInputStream(
                        gateway.tlsCaCertificatesPem().get().getBytes(StandardCharsets.UTF_8)));
            } else if (gateway.tlsCaCertificatesFile().isPresent()) {
                ssl.trustManager(gateway.tlsCaCertificatesFile().get().toFile());
            }
            builder.sslContext(ssl.build());
        } else {
            builder.usePlaintext();
        }
        gateway.serverNameOverride().ifPresent(builder::overrideAuthority);
        return builder.build();
    }

    /**
     * Runs {@code network/fabric/<script> args...}, printing its output, asserting it ends with 0 in time; returns its
     * output (standard output and error together).
     */
    static String run(int timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("fairmark-" + script, ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        System.out.println(script + " took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms:\n" + output);
        assertThat(finished).as(script + " finished in " + timeoutSeconds + " s").isTrue();
        assertThat(process.exitValue()).as(script + " exit code; output:%n%s", output).isZero();
        return output;
    }
}
