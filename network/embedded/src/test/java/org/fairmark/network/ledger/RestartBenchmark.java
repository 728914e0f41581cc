package org.fairmark.network.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Not a test: the restart benchmark behind {@code bench/results/restart.md}. Each mode runs in a JVM of its own, so
 * that a restart is measured as an operator sees it:
 *
 * <pre>
 * RestartBenchmark generate DIR TRANSACTIONS PER_BLOCK   blocks written straight to the block store (fsync per block)
 * RestartBenchmark full DIR                              open the ledger and replay every block (no snapshot)
 * RestartBenchmark write DIR                             open, replay, write a snapshot
 * RestartBenchmark snapshot DIR                          open the ledger, load the snapshot, replay the later blocks
 * </pre>
 *
 * <p>The workload: each transaction writes one key of about 120 bytes; three in five create a key, one in three
 * updates an existing one (its history grows), the rest delete one; one in fifty is marked MVCC_READ_CONFLICT.
 */
public final class RestartBenchmark {
    private RestartBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        long started = System.nanoTime();
        switch (mode) {
            case "generate" -> generate(dir, Long.parseLong(args[2]), Integer.parseInt(args[3]));
            case "full" -> {
                long open;
                LedgerState state;
                try (BlockStore store = BlockStore.open(dir)) {
                    open = System.nanoTime();
                    state = LedgerState.rebuild(store);
                }
                report(mode, started, open, state, "replayed all blocks");
            }
            case "write" -> {
                try (BlockStore store = BlockStore.open(dir)) {
                    LedgerState state = LedgerState.rebuild(store);
                    long before = System.nanoTime();
                    new StateSnapshots(dir, 0).write(state, store.lastHeaderHash());
                    long millis = (System.nanoTime() - before) / 1_000_000;
                    Path file = dir.resolve(StateSnapshots.name(state.height()));
                    System.out.println("RESULT write snapshotMs=" + millis + " bytes=" + Files.size(file)
                            + " digest=" + HexFormat.of().formatHex(state.digest()));
                }
            }
            case "snapshot" -> {
                long open;
                StateSnapshots.Restored restored;
                try (BlockStore store = BlockStore.open(dir)) {
                    open = System.nanoTime();
                    restored = StateSnapshots.restore(store);
                }
                report(mode, started, open, restored.state(), restored.startup().summary());
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void report(String mode, long started, long opened, LedgerState state, String how) {
        long end = System.nanoTime();
        System.out.println("RESULT " + mode + " openMs=" + (opened - started) / 1_000_000 + " stateMs="
                + (end - opened) / 1_000_000 + " totalMs=" + (end - started) / 1_000_000 + " height=" + state.height()
                + " transactions=" + state.transactionCount() + " heapMB="
                + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1 << 20)
                + " (" + how + ")");
        System.out.println("RESULT " + mode + " digest=" + HexFormat.of().formatHex(state.digest()));
    }

    private static void generate(Path dir, long transactions, int perBlock) throws Exception {
        Random random = new Random(20261206L);
        long keys = 0;
        long tx = 0;
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        try (BlockStore store = BlockStore.open(dir)) {
            while (tx < transactions) {
                List<Envelope> envelopes = new ArrayList<>(perBlock);
                List<TxValidationCode> codes = new ArrayList<>(perBlock);
                for (int i = 0; i < perBlock && tx < transactions; i++, tx++) {
                    int pick = random.nextInt(15);
                    String txId = HexFormat.of().formatHex(longBytes(tx, random.nextLong()));
                    Envelope envelope;
                    if (keys == 0 || pick < 9) {
                        envelope = TestLedger.transaction(txId, base.plusMillis(tx), TestLedger.rwset("fairmark",
                                kv(TestLedger.put(key(keys++), value(random, tx)))), null);
                    } else if (pick < 14) {
                        envelope = TestLedger.transaction(txId, base.plusMillis(tx), TestLedger.rwset("fairmark",
                                kv(TestLedger.put(key(Math.floorMod(random.nextLong(), keys)), value(random, tx)))),
                                null);
                    } else {
                        envelope = TestLedger.transaction(txId, base.plusMillis(tx), TestLedger.rwset("fairmark",
                                kv(TestLedger.delete(key(Math.floorMod(random.nextLong(), keys))))), null);
                    }
                    envelopes.add(envelope);
                    codes.add(random.nextInt(50) == 0 ? TxValidationCode.MVCC_READ_CONFLICT : TxValidationCode.VALID);
                }
                Block block = Blocks.withValidationCodes(
                        Blocks.newBlock(store.height(), store.lastHeaderHash(), envelopes), codes);
                store.append(block);
            }
            System.out.println("RESULT generate blocks=" + store.height() + " transactions=" + tx + " keys=" + keys
                    + " segments=" + store.files().size());
        }
    }

    private static org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet kv(
            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite write) {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.newBuilder().addWrites(write).build();
    }

    private static String key(long n) {
        return "\u0000batch\u00000690123456789" + (n % 10) + "\u0000LOT-" + n + "\u0000";
    }

    private static String value(Random random, long tx) {
        return "{\"lot\":\"LOT-" + tx + "\",\"status\":\"REGISTERED\",\"county\":\"130227\",\"quantity\":"
                + random.nextInt(100_000) + ",\"unit\":\"KGM\",\"note\":\"" + Long.toHexString(random.nextLong()) + "\"}";
    }

    private static byte[] longBytes(long a, long b) {
        return java.nio.ByteBuffer.allocate(16).putLong(a).putLong(b).array();
    }
}
