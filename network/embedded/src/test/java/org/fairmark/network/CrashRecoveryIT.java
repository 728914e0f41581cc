package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Wallet;
import org.fairmark.network.ledger.VerifyReport;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network runs in a child JVM started from the command line and is killed with SIGKILL while clients are
 * submitting. Every transaction a client saw committed must be there after a restart on the same directory, and the
 * ledger must verify.
 */
class CrashRecoveryIT {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final int CLIENTS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 24;
    private static final int MAX_SUBMISSIONS_PER_CLIENT = 400;

    @TempDir
    Path dataDir;

    @Test
    void no_acknowledged_transaction_is_lost_when_the_process_is_killed_during_writes() throws Exception {
        Process child = startChild();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try {
            int port = awaitPort(child);
            Identity producer = Wallet.open(dataDir.resolve("wallet")).get(EmbeddedNetwork.PRODUCER);
            ManagedChannel channel = Clients.tcp(port);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger failures = new AtomicInteger();
            Queue<Exception> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
            List<Thread> clients = new ArrayList<>();
            try (Gateway gateway = Clients.connect(channel, producer)) {
                Contract contract = gateway.getNetwork("fairmark").getContract("fairmark");
                for (int i = 0; i < CLIENTS; i++) {
                    Thread client = new Thread(() -> {
                        for (int n = 0; n < MAX_SUBMISSIONS_PER_CLIENT && !stop.get(); n++) {
                            String lot = FairmarkRequests.newLot();
                            try {
                                contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
                                acknowledged.add(lot);
                                enough.countDown();
                            } catch (Exception e) {
                                failures.incrementAndGet();
                                errors.add(e);
                                if (failures.get() == CLIENTS) {
                                    while (enough.getCount() > 0) {
                                        enough.countDown();
                                    }
                                }
                                return;
                            }
                        }
                    }, "client-" + i);
                    client.start();
                    clients.add(client);
                }
                assertThat(enough.await(120, TimeUnit.SECONDS)).as("clients got acknowledgements").isTrue();
                assertThat(acknowledged.size())
                        .as("acknowledged before the kill; client errors: %s", errors)
                        .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                for (Thread client : clients) {
                    client.join(TimeUnit.SECONDS.toMillis(90));
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertThat(failures.get()).as("clients cut off by the kill").isPositive();
        } finally {
            child.destroyForcibly();
        }

        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start();
                Gateway gateway = Clients.connect(
                        network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER))) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            for (String lot : acknowledged) {
                assertThat(new String(contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot)), UTF_8))
                        .contains("\"lot\":\"" + lot + "\"");
            }
            long height = network.height();
            contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot()));
            assertThat(network.height()).isGreaterThan(height);
        }
        VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.blocksChecked()).isGreaterThan(1);
    }

    @Test
    void stops_cleanly_on_sigterm() throws Exception {
        Process child = startChild();
        Queue<String> log = new ConcurrentLinkedQueue<>();
        CountDownLatch logClosed = new CountDownLatch(1);
        String lot = FairmarkRequests.newLot();
        try {
            int port = awaitPort(child, log, logClosed);
            Identity producer = Wallet.open(dataDir.resolve("wallet")).get(EmbeddedNetwork.PRODUCER);
            ManagedChannel channel = Clients.tcp(port);
            try (Gateway gateway = Clients.connect(channel, producer)) {
                gateway.getNetwork("fairmark")
                        .getContract("fairmark")
                        .submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            // SIGTERM through the process handle: Process.destroy() would also close our end of its output.
            assertThat(child.toHandle().destroy()).isTrue();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(logClosed.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        // 143 = 128 + SIGTERM: how every JVM reports an exit on SIGTERM, after its shutdown hooks ran.
        assertThat(child.exitValue()).isEqualTo(143);
        assertThat(log).anyMatch(line -> line.contains("stopping on signal"));
        assertThat(log).anyMatch(line -> line.contains("Fairmark embedded network stopped at height 2"));
        assertThat(EmbeddedNetwork.verifyLedger(dataDir).ok()).isTrue();
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start();
                Gateway gateway = Clients.connect(
                        network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER))) {
            assertThat(new String(gateway.getNetwork("fairmark").getContract("fairmark")
                            .evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot)), UTF_8))
                    .contains(lot);
        }
    }

    @Test
    void stops_with_data_dir_invalid_when_its_ledger_directory_is_removed() throws Exception {
        Process child = startChild();
        Queue<String> log = new ConcurrentLinkedQueue<>();
        CountDownLatch logClosed = new CountDownLatch(1);
        try {
            awaitPort(child, log, logClosed);
            deleteTree(dataDir.resolve("ledger"));

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the network stops by itself").isTrue();
            assertThat(logClosed.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).as("DATA_DIR_INVALID's exit status").isEqualTo(3);
        assertThat(log).anyMatch(line -> line.startsWith("error: DATA_DIR_INVALID: the ledger directory ")
                && line.endsWith(" was removed while the network ran: stopping"));
        assertThat(log).anyMatch(line -> line.contains("stopping: the ledger directory was removed"));
        assertThat(log).noneMatch(line -> line.contains("stopping on signal"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }

    private Process startChild() throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> command = List.of(
                javaHome.resolve("bin").resolve("java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedNetworkMain.class.getName(),
                "--data-dir", dataDir.toString(),
                "--port", "0",
                "--block-size", "5",
                "--block-timeout-ms", "20");
        DevNetworkTemplate.copyTo(dataDir);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    /** Reads the child's log until it names its port; keeps draining the log afterwards so the child never blocks. */
    private static int awaitPort(Process child) throws Exception {
        return awaitPort(child, new ConcurrentLinkedQueue<>(), new CountDownLatch(1));
    }

    /**
     * As {@link #awaitPort(Process)}, collecting every log line in {@code lines}; {@code logClosed} opens when the
     * child's output ends.
     */
    private static int awaitPort(Process child, Queue<String> lines, CountDownLatch logClosed) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
        String line;
        while ((line = log.readLine()) != null) {
            lines.add(line);
            System.out.println("[child] " + line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        String rest;
                        while ((rest = log.readLine()) != null) {
                            lines.add(rest);
                            System.out.println("[child] " + rest);
                        }
                    } catch (IOException e) {
                        // the child is gone
                    } finally {
                        logClosed.countDown();
                    }
                }, "child-log");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the child exited before listening:\n" + String.join("\n", lines));
    }
}
