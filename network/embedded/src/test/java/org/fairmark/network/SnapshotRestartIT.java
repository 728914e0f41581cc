package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of the network through the fabric-gateway client: from a state snapshot plus the later blocks, from every
 * block when the snapshot is gone, and from every block when the snapshot is damaged (with a warning); the
 * contract answers the same each time and the ledger goes on.
 */
class SnapshotRestartIT {
    @TempDir
    Path dataDir;

    @Test
    void a_restart_from_a_snapshot_answers_as_a_full_replay_and_a_damaged_snapshot_is_ignored() throws Exception {
        DevNetworkTemplate.copyTo(dataDir);
        List<String> lots = new ArrayList<>();
        Map<String, String> before;
        try (EmbeddedNetwork network = start(3)) {
            assertThat(network.stateStartup().snapshotHeight()).isZero();
            try (Gateway gateway = producer(network)) {
                Contract contract = contract(gateway, network);
                for (int i = 0; i < 7; i++) {
                    String lot = FairmarkRequests.newLot();
                    contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
                    lots.add(lot);
                }
                before = answers(contract, lots);
            }
            assertThat(network.height()).isEqualTo(8);
        }
        // periodic snapshots after blocks 3 and 6; two blocks since are fewer than the interval: none on close
        assertThat(snapshots()).containsExactly(name(6), name(3));

        try (EmbeddedNetwork network = start(3)) {
            assertThat(network.stateStartup().snapshotHeight()).isEqualTo(6);
            assertThat(network.stateStartup().replayedBlocks()).isEqualTo(2);
            try (Gateway gateway = producer(network)) {
                Contract contract = contract(gateway, network);
                assertThat(answers(contract, lots)).isEqualTo(before);
                String lot = FairmarkRequests.newLot();
                contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(lot));
                lots.add(lot);
                before = answers(contract, lots);
            }
            assertThat(network.height()).isEqualTo(9);
        }
        assertThat(snapshots()).containsExactly(name(9), name(6));

        for (String name : snapshots()) {
            Files.delete(dataDir.resolve("ledger").resolve(name));
        }
        try (EmbeddedNetwork network = start(0)) {
            assertThat(network.stateStartup().snapshotFile()).isNull();
            assertThat(network.stateStartup().replayedBlocks()).isEqualTo(9);
            try (Gateway gateway = producer(network)) {
                assertThat(answers(contract(gateway, network), lots)).isEqualTo(before);
            }
        }
        // interval 0: a clean close snapshots any new height; this one found none, so it wrote one at 9
        assertThat(snapshots()).containsExactly(name(9));

        Path snapshot = dataDir.resolve("ledger").resolve(name(9));
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.seek(Files.size(snapshot) - 40);
            int original = file.read();
            file.seek(Files.size(snapshot) - 40);
            file.write(original ^ 0x01);
        }
        ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
        int verifyStatus = EmbeddedNetworkMain.run(new String[] {"verify", "--data-dir", dataDir.toString()},
                new PrintStream(verifyOut, true, UTF_8), System.err);
        assertThat(verifyStatus).isEqualTo(1);
        assertThat(verifyOut.toString(UTF_8)).contains("ledger ok: 9 blocks", "snapshot bad: " + name(9),
                "checksum mismatch");

        try (EmbeddedNetwork network = start(1000)) {
            assertThat(network.stateStartup().snapshotFile()).isNull();
            assertThat(network.stateStartup().warnings()).singleElement().asString()
                    .startsWith("snapshot ignored: " + name(9)).contains("checksum mismatch");
            assertThat(EmbeddedNetwork.lastRecovery(dataDir)).get().asString().startsWith("snapshot ignored: ");
            try (Gateway gateway = producer(network)) {
                assertThat(answers(contract(gateway, network), lots)).isEqualTo(before);
            }
        }
        assertThat(snapshots()).isEmpty();
        assertThat(dataDir.resolve("ledger").resolve(name(9) + ".rejected")).exists();
        assertThat(EmbeddedNetwork.newestSnapshot(dataDir)).isEmpty();

        ByteArrayOutputStream replayOut = new ByteArrayOutputStream();
        try (EmbeddedNetwork network = start(0)) {
            assertThat(network.height()).isEqualTo(9);
        }
        int replayStatus = EmbeddedNetworkMain.run(
                new String[] {"verify", "--data-dir", dataDir.toString(), "--snapshot"},
                new PrintStream(replayOut, true, UTF_8), System.err);
        assertThat(replayStatus).isZero();
        assertThat(replayOut.toString(UTF_8)).contains("snapshot ok: " + name(9),
                "equal to the state replayed from the chain");
        assertThat(EmbeddedNetwork.newestSnapshot(dataDir)).get()
                .satisfies(header -> assertThat(header.height()).isEqualTo(9));
    }

    private EmbeddedNetwork start(int snapshotInterval) throws Exception {
        return EmbeddedNetwork.builder()
                .dataDir(dataDir)
                .port(-1)
                .blockTimeout(Duration.ofMillis(10))
                .snapshotInterval(snapshotInterval)
                .start();
    }

    private static Gateway producer(EmbeddedNetwork network) {
        return Clients.connect(network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER));
    }

    private static Contract contract(Gateway gateway, EmbeddedNetwork network) {
        return gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
    }

    private static Map<String, String> answers(Contract contract, List<String> lots) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String lot : lots) {
            answers.put(lot, new String(contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef(lot)), UTF_8));
        }
        return answers;
    }

    private List<String> snapshots() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("ledger"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("snapshot-\\d{20}\\.snap"))
                    .sorted(java.util.Comparator.reverseOrder())
                    .toList();
        }
    }

    private static String name(long height) {
        return String.format("snapshot-%020d.snap", height);
    }
}
