package org.fairmark.domain.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Journal JOURNAL = new Journal(0x464D4231, 1 << 20);

    @TempDir
    Path dir;

    private Journal.Scan scan(byte[] bytes) throws IOException {
        Path file = dir.resolve("j");
        Files.write(file, bytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return JOURNAL.scan(channel);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private static byte[] frame(String record) {
        return JOURNAL.frame(record.getBytes(UTF_8)).array();
    }

    @Test
    void a_frame_is_magic_length_crc32c_and_the_record() {
        // CRC-32C("abc") = 0x364B3FB7 (RFC 3720 test vectors use the same polynomial)
        assertThat(HexFormat.of().formatHex(frame("abc"))).isEqualTo("464d4231" + "00000003" + "364b3fb7" + "616263");
    }

    @Test
    void reads_back_every_record_in_order() throws IOException {
        Journal.Scan scan = scan(concat(frame("one"), frame("two"), frame("three")));
        assertThat(scan.records()).extracting(r -> new String(r, UTF_8)).containsExactly("one", "two", "three");
        assertThat(scan.problem()).isNull();
        assertThat(scan.isDamaged()).isFalse();
        assertThat(scan.goodEnd()).isEqualTo(3 * 12 + 11);
    }

    @Test
    void an_unfinished_last_frame_is_a_torn_tail_with_its_position() throws IOException {
        byte[] whole = concat(frame("one"), frame("two"));
        byte[] torn = java.util.Arrays.copyOf(whole, whole.length - 2);
        Journal.Scan scan = scan(torn);
        assertThat(scan.records()).hasSize(1);
        assertThat(scan.tornTail()).isTrue();
        assertThat(scan.isDamaged()).isFalse();
        assertThat(scan.goodEnd()).isEqualTo(15);
        assertThat(scan.problem()).isEqualTo("truncated frame (1 of 3 record bytes) at offset 15");
    }

    @Test
    void zeros_to_the_end_are_a_torn_tail() throws IOException {
        Journal.Scan scan = scan(concat(frame("one"), new byte[40]));
        assertThat(scan.tornTail()).isTrue();
        assertThat(scan.records()).hasSize(1);
    }

    @Test
    void a_flipped_byte_in_a_complete_frame_is_damage_not_a_tail() throws IOException {
        byte[] bytes = concat(frame("one"), frame("two"));
        bytes[13] ^= 0x01; // inside the first record
        Journal.Scan scan = scan(bytes);
        assertThat(scan.isDamaged()).isTrue();
        assertThat(scan.goodEnd()).isZero();
        assertThat(scan.problem()).isEqualTo("checksum mismatch (CRC-32C) at offset 0");
    }

    @Test
    void a_short_frame_followed_by_a_good_one_is_damage() throws IOException {
        byte[] first = frame("one");
        byte[] cut = java.util.Arrays.copyOf(first, first.length - 1);
        Journal.Scan scan = scan(concat(frame("zero"), cut, frame("two")));
        // the cut frame's length runs into the next frame: the checksum fails, and a good frame follows
        assertThat(scan.isDamaged()).isTrue();
        assertThat(scan.records()).hasSize(1);
    }

    @Test
    void refuses_empty_and_oversized_records() {
        assertThatThrownBy(() -> JOURNAL.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Journal(1, 4).frame(new byte[5]))
                .hasMessage("a record must serialize to 1 .. 4 bytes, not 5");
    }
}
