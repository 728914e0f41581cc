package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.ledger.BlockStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark ledger verify}: a sound ledger verifies, a flipped byte is found with its block number. */
class LedgerVerifyIT {
    @TempDir
    Path dataDir;

    @TempDir
    Path empty;

    @Test
    void verifies_a_sound_ledger_and_names_the_first_damaged_block() throws Exception {
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        ledger.register(ledger.newLot());
        ledger.register(ledger.newLot());
        CliRun cli = ledger.cli;

        JsonNode sound = cli.run("--json", "ledger", "verify").ok().json();
        CliRun.Result human = cli.run("ledger", "verify", dataDir.toString()).ok();
        BlockStore.BlockLocation location;
        try (BlockStore store = BlockStore.open(dataDir.resolve("ledger"))) {
            location = store.locate(2);
        }
        try (RandomAccessFile file = new RandomAccessFile(location.file().toFile(), "rw")) {
            long position = location.frameOffset() + location.frameBytes() / 2;
            file.seek(position);
            int original = file.read();
            file.seek(position);
            file.write(original ^ 0x01);
        }
        CliRun.Result damaged = cli.run("--json", "ledger", "verify");
        CliRun.Result damagedHuman = cli.run("ledger", "verify");
        CliRun.Result noLedger = new CliRun(empty).run("ledger", "verify");

        assertThat(sound.get("ok").asBoolean()).isTrue();
        assertThat(sound.get("blocksChecked").asLong()).isEqualTo(5);
        assertThat(human.out()).contains("Ledger ok: 5 blocks verified");
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.json().get("ok").asBoolean()).isFalse();
        assertThat(damaged.json().get("firstBadBlock").asLong()).isEqualTo(2);
        assertThat(damaged.json().get("blocksChecked").asLong()).isEqualTo(2);
        assertThat(damagedHuman.out()).contains("Ledger damaged at block 2");
        assertThat(damagedHuman.err()).contains("ledger bad at block 2");
        assertThat(noLedger.exit()).isEqualTo(3);
        assertThat(noLedger.err()).startsWith("error: DATA_DIR_INVALID: ").contains("holds no ledger");
    }

    @Test
    void checks_state_snapshots_against_the_chain_and_status_names_the_snapshot_height() throws Exception {
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        ledger.register(ledger.newLot());
        CliRun cli = ledger.cli;
        JsonNode none = cli.run("--json", "network", "status").ok().json();
        // a network that snapshots on every close
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).snapshotInterval(1)
                .start()) {
            assertThat(network.height()).isEqualTo(4);
        }

        JsonNode status = cli.run("--json", "network", "status").ok().json();
        CliRun.Result statusHuman = cli.run("network", "status").ok();
        JsonNode replayed = cli.run("--json", "ledger", "verify", "--snapshot").ok().json();
        Path snapshot = dataDir.resolve("ledger").resolve(status.get("snapshot").asText());
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.seek(100);
            int original = file.read();
            file.seek(100);
            file.write(original ^ 0x01);
        }
        CliRun.Result damaged = cli.run("ledger", "verify");

        assertThat(none.get("snapshotHeight").asLong()).isZero();
        assertThat(status.get("snapshotHeight").asLong()).isEqualTo(4);
        assertThat(statusHuman.out()).contains("State snapshot at height 4");
        assertThat(replayed.get("ok").asBoolean()).isTrue();
        assertThat(replayed.get("snapshots")).singleElement().satisfies(entry -> {
            assertThat(entry.get("height").asLong()).isEqualTo(4);
            assertThat(entry.get("ok").asBoolean()).isTrue();
            assertThat(entry.get("replayed").asBoolean()).isTrue();
        });
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.out()).contains("Ledger ok: 4 blocks", "State snapshot " + snapshot.getFileName()
                + " (height 4) is bad: checksum mismatch");
    }
}
