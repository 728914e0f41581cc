package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block files keep their bytes now that they are written with the shared journal codec: frames built by hand
 * with the format's constants as the ledger wrote them before (docs/design/embedded-ledger.md) open and verify, and
 * the store writes exactly those bytes.
 */
class LedgerFormatCompatibilityTest {
    private static final int OLD_MAGIC = 0x464D4231; // "FMB1"

    @TempDir
    Path dir;

    /** The frame as the ledger wrote it before the journal codec: magic, length, CRC-32C, block bytes. */
    private static byte[] oldFrame(byte[] block) {
        CRC32C crc = new CRC32C();
        crc.update(block, 0, block.length);
        return ByteBuffer.allocate(12 + block.length)
                .putInt(OLD_MAGIC).putInt(block.length).putInt((int) crc.getValue()).put(block).array();
    }

    @Test
    void a_ledger_in_the_old_frames_opens_and_verifies() throws IOException {
        List<Block> blocks = TestLedger.chain(4);
        ByteBuffer file = ByteBuffer.allocate(blocks.stream().mapToInt(b -> 12 + b.toByteArray().length).sum());
        blocks.forEach(block -> file.put(oldFrame(block.toByteArray())));
        Files.write(dir.resolve("blocks-000000.dat"), file.array());

        VerifyReport report = LedgerVerifier.verify(dir);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.blocksChecked()).isEqualTo(4);
        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.height()).isEqualTo(4);
            assertThat(store.get(3)).isEqualTo(blocks.get(3));
        }
    }

    @Test
    void the_store_writes_the_old_frame_bytes() throws IOException {
        List<Block> blocks = TestLedger.chain(3);
        try (BlockStore store = BlockStore.open(dir)) {
            for (Block block : blocks) {
                store.append(block);
            }
        }
        ByteBuffer expected = ByteBuffer.allocate(blocks.stream().mapToInt(b -> 12 + b.toByteArray().length).sum());
        blocks.forEach(block -> expected.put(oldFrame(block.toByteArray())));
        assertThat(Files.readAllBytes(dir.resolve("blocks-000000.dat"))).isEqualTo(expected.array());
        assertThat(LedgerFiles.frame(blocks.get(0).toByteArray()).array()).isEqualTo(oldFrame(blocks.get(0).toByteArray()));
    }
}
