package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairmark.testkit.Campaign;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability campaign, a full disk (issue #13): the ledger lives on a small tmpfs the test mounts (skipped, with the
 * reason, where mounting is not permitted: it needs root or CAP_SYS_ADMIN). Appends run until the file system is
 * full: the append that does not fit fails with the I/O error and leaves exactly the blocks that were acknowledged;
 * after the disk grows, the ledger opens, verifies and takes appends again.
 */
@Tag(Campaign.TAG)
class DiskFullTest {
    @TempDir
    Path work;

    @Test
    void an_append_that_does_not_fit_fails_and_leaves_exactly_the_acknowledged_blocks() throws Exception {
        Path mount = work.resolve("small-disk");
        Files.createDirectories(mount);
        String refusal = mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(refusal == null, "cannot mount a small tmpfs for the full-disk test: " + refusal);
        try {
            Path ledger = mount.resolve("ledger");
            long acknowledged;
            IOException full;
            try (BlockStore store = BlockStore.open(ledger)) {
                Block last = null;
                full = null;
                while (full == null) {
                    Block next = bigBlock(last);
                    try {
                        store.append(next);
                        last = next;
                    } catch (IOException e) {
                        full = e;
                    }
                }
                acknowledged = store.height();
                assertThat(acknowledged).isPositive();
                Block refused = bigBlock(last);
                assertThat(catchThrowableOfType(IOException.class, () -> store.append(refused))).isNotNull();
                assertThat(store.height()).isEqualTo(acknowledged);
            }
            assertThat(full.getMessage()).containsIgnoringCase("no space left");
            VerifyReport whileFull = LedgerVerifier.verify(ledger);
            assertThat(whileFull.ok()).as(whileFull.summary()).isTrue();
            assertThat(whileFull.blocksChecked()).isEqualTo(acknowledged);

            assertThat(mount("-o", "remount,size=4m", mount.toString())).isNull();
            try (BlockStore store = BlockStore.open(ledger)) {
                assertThat(store.height()).isEqualTo(acknowledged);
                assertThat(store.recovery()).isEmpty();
                store.append(bigBlock(store.get(acknowledged - 1)));
            }
            assertThat(LedgerVerifier.verify(ledger).blocksChecked()).isEqualTo(acknowledged + 1);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("tmpfs_bytes", 1 << 20);
            figures.put("blocks_acknowledged_before_full", acknowledged);
            figures.put("failed_append", full.getMessage());
            figures.put("blocks_after_failed_append", acknowledged);
            figures.put("verify_while_full", whileFull.summary());
            figures.put("append_after_the_disk_grew", "ok");
            Campaign.record("disk-full", figures);
        } finally {
            mount("-l", mount.toString(), "umount");
        }
    }

    /** A block of about 120 KiB following {@code previous}. */
    private static Block bigBlock(Block previous) {
        long number = previous == null ? 0 : previous.getHeader().getNumber() + 1;
        byte[] previousHash = previous == null ? null : BlockHashes.headerHash(previous.getHeader());
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            envelopes.add(TestLedger.writing("tx-" + number + "-" + i,
                    TestLedger.put("key-" + i, Long.toString(number).repeat(1).concat("x".repeat(30 * 1024)))));
        }
        Block block = Blocks.newBlock(number, previousHash, envelopes);
        return Blocks.withValidationCodes(block, envelopes.stream().map(e -> TxValidationCode.VALID).toList());
    }

    /** Runs mount (or, with a trailing "umount", umount); null on success, else why not. */
    private static String mount(String... args) {
        List<String> command = new ArrayList<>();
        boolean umount = args.length > 0 && args[args.length - 1].equals("umount");
        command.add(umount ? "umount" : "mount");
        for (int i = 0; i < args.length - (umount ? 1 : 0); i++) {
            command.add(args[i]);
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
