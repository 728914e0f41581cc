package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.ledger.LedgerRecovery;
import org.fairmark.network.ledger.StateSnapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairmark network start|stop|status}: the development network as a background process. */
@Command(
        name = "network",
        description = "Run the development network in the background so that several commands share it. 后台运行开发网络。",
        subcommands = {NetworkCommand.Start.class, NetworkCommand.Stop.class, NetworkCommand.Status.class})
final class NetworkCommand extends GroupCommand {

    @Command(name = "start", description = "Start the network of the data directory in the background and wait until"
            + " it listens. 启动网络。")
    static final class Start extends FairmarkCommand {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "7051",
                description = "TCP port of the Gateway service, 0 for any free port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
                description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--tls", description = "Serve TLS with a certificate of the data directory's development TLS"
                + " CA (DATA_DIR/tls/ca.pem); the connection profile then says tls. 启用 TLS。")
        boolean tls;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
                description = "How long to wait for it to listen (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        int execute() {
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be 0..65535");
            }
            Path dataDir = root().dataDirectory();
            Optional<BackgroundNetwork.Running> already = BackgroundNetwork.running(dataDir);
            BackgroundNetwork.Running running;
            boolean started;
            String recoveredNow = null;
            if (already.isPresent()) {
                running = already.get();
                started = false;
            } else {
                Optional<String> recoveredBefore = lastRecovery(dataDir);
                running = BackgroundNetwork.start(dataDir, host, port, tls, Duration.ofSeconds(timeoutSeconds));
                started = true;
                Optional<String> recovered = lastRecovery(dataDir);
                if (recovered.isPresent() && !recovered.equals(recoveredBefore)) {
                    // this start cut an unfinished append off the ledger: say so where people look
                    out().note("warning: " + recovered.get());
                    recoveredNow = recovered.get();
                }
            }
            ObjectNode json = describe(dataDir, running);
            json.put("started", started);
            if (recoveredNow != null) {
                json.put("recovered", recoveredNow);
            }
            out().json(json);
            out().say(started ? "network.started" : "network.already", running.pid(), running.port(), dataDir);
            sayProfile(out(), dataDir);
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the background network of the data directory (exactly its pid). 停止网络。")
    static final class Stop extends FairmarkCommand {
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "How long to wait for a clean exit before killing it (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        int execute() {
            Path dataDir = root().dataDirectory();
            Optional<BackgroundNetwork.Running> stopped = BackgroundNetwork.stop(dataDir, Duration.ofSeconds(timeoutSeconds));
            ObjectNode json = CliJson.object();
            json.put("dataDir", dataDir.toString());
            json.put("stopped", stopped.isPresent());
            stopped.ifPresent(running -> json.put("pid", running.pid()));
            out().json(json);
            if (stopped.isPresent()) {
                out().say("network.stopped", stopped.get().pid(), dataDir);
            } else {
                out().say("network.notRunning", dataDir);
            }
            return 0;
        }
    }

    @Command(name = "status", description = {"Whether the background network runs, its pid and port. 网络状态。",
        "%nAlso the last unfinished append a start cut off the ledger (recovered: ...), if any."})
    static final class Status extends FairmarkCommand {
        @Override
        int execute() {
            Path dataDir = root().dataDirectory();
            Optional<BackgroundNetwork.Running> running = BackgroundNetwork.running(dataDir);
            ObjectNode json;
            if (running.isPresent()) {
                json = describe(dataDir, running.get());
            } else {
                json = CliJson.object();
                json.put("dataDir", dataDir.toString());
                json.put("running", false);
                json.put("staleFiles", BackgroundNetwork.hasStaleFiles(dataDir));
            }
            Optional<String> recovered = lastRecovery(dataDir);
            recovered.ifPresent(line -> json.put("lastRecovery", line));
            json.set("cryptoProvider", CryptoInfo.json());
            Optional<String> networkCrypto = running.isPresent() ? CryptoInfo.network(dataDir) : Optional.empty();
            networkCrypto.ifPresent(provider -> json.put("networkCryptoProvider", provider));
            Optional<StateSnapshots.Header> snapshot = EmbeddedNetwork.newestSnapshot(dataDir);
            json.put("snapshotHeight", snapshot.map(StateSnapshots.Header::height).orElse(0L));
            snapshot.ifPresent(header -> json.put("snapshot", header.file().getFileName().toString()));
            out().json(json);
            if (running.isPresent()) {
                out().say("network.running", running.get().pid(), running.get().port(), dataDir);
                sayProfile(out(), dataDir);
            } else {
                out().say("network.notRunning", dataDir);
            }
            out().say("network.crypto", CryptoInfo.text());
            networkCrypto.ifPresent(provider -> out().say("network.cryptoNetwork", provider));
            recovered.ifPresent(line -> out().say("network.recovered", line));
            if (snapshot.isPresent()) {
                out().say("network.snapshot", snapshot.get().height(), snapshot.get().file().getFileName());
            } else {
                out().say("network.noSnapshot");
            }
            return 0;
        }
    }

    /** The last unfinished append a start cut off the ledger, as one line; empty when none or unreadable. */
    static Optional<String> lastRecovery(Path dataDir) {
        try {
            return EmbeddedNetwork.lastRecovery(dataDir);
        } catch (IOException e) {
            return Optional.of("cannot read " + dataDir.resolve("ledger").resolve(LedgerRecovery.NOTE_FILE) + ": "
                    + e.getMessage());
        }
    }

    static ObjectNode describe(Path dataDir, BackgroundNetwork.Running running) {
        ObjectNode json = CliJson.object();
        json.put("dataDir", dataDir.toString());
        json.put("running", true);
        json.put("pid", running.pid());
        json.put("port", running.port());
        json.put("gateway", "127.0.0.1:" + running.port());
        Path tlsCa = BackgroundNetwork.tlsCaCertificate(dataDir);
        json.put("tls", tlsCa != null);
        if (tlsCa != null) {
            json.put("tlsCaCertificate", tlsCa.toString());
        }
        if (running.startedAt() != null) {
            json.put("startedAt", running.startedAt().toString());
        }
        json.put("log", dataDir.resolve(BackgroundNetwork.LOG_FILE).toString());
        Path profile = dataDir.resolve(EmbeddedNetwork.CONNECTION_PROFILE);
        if (Files.isRegularFile(profile)) {
            json.put("connectionProfile", profile.toString());
        }
        return json;
    }

    /** Where the running network's connection profile is, for {@code --network FILE}. */
    static void sayProfile(Output out, Path dataDir) {
        Path profile = dataDir.resolve(EmbeddedNetwork.CONNECTION_PROFILE);
        if (Files.isRegularFile(profile)) {
            out.say("network.profile", profile);
        }
    }
}
