package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends blocks and reports each append that returned; it is killed with SIGKILL in the middle of its
 * writing. Every reported block must be there after reopening, and the ledger must verify.
 */
class BlockStoreKillIT {
    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path dir;

    @Test
    void every_acknowledged_append_survives_sigkill() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        Appender.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastAcknowledged = -1;
        try (BufferedReader acks = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (lastAcknowledged < ACKS_BEFORE_KILL && (line = acks.readLine()) != null) {
                lastAcknowledged = Long.parseLong(line);
            }
            // Process.destroyForcibly is SIGKILL on Unix: no shutdown hooks, no close, possibly mid-write.
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(lastAcknowledged).as("the child acknowledged appends").isEqualTo(ACKS_BEFORE_KILL);

        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.height()).isGreaterThan(lastAcknowledged);
            LedgerState state = LedgerState.rebuild(store);
            assertThat(state.transaction("tx-" + lastAcknowledged)).isNotNull();
            Block last = store.get(store.height() - 1);
            store.append(Appender.block(last.getHeader().getNumber() + 1, store.lastHeaderHash()));
        }
        assertThat(LedgerVerifier.verify(dir).ok()).isTrue();
    }

    /** The child: appends blocks of about 256 KiB as fast as it can, printing each number once durable. */
    static final class Appender {
        public static void main(String[] args) throws IOException {
            try (BlockStore store = BlockStore.open(Path.of(args[0]))) {
                while (true) {
                    Block block = block(store.height(), store.lastHeaderHash());
                    store.append(block);
                    System.out.println(block.getHeader().getNumber());
                    System.out.flush();
                }
            }
        }

        static Block block(long number, byte[] previousHash) {
            List<Envelope> envelopes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String txId = i == 0 ? "tx-" + number : "tx-" + number + "-" + i;
                envelopes.add(TestLedger.writing(txId, TestLedger.put("key-" + i, "x".repeat(32 * 1024))));
            }
            List<TxValidationCode> codes = envelopes.stream().map(e -> TxValidationCode.VALID).toList();
            return Blocks.withValidationCodes(Blocks.newBlock(number, previousHash, envelopes), codes);
        }

        private Appender() {}
    }
}
