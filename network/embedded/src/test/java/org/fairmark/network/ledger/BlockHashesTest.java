package org.fairmark.network.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

class BlockHashesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void header_bytes_are_the_der_sequence_of_number_previous_hash_and_data_hash() {
        byte[] previous = filled(32, 0x01);
        byte[] data = filled(32, 0x02);
        BlockHeader header = header(1, previous, data);

        // SEQUENCE (0x30) of 71 bytes: INTEGER 1, OCTET STRING of 32 bytes, OCTET STRING of 32 bytes.
        byte[] expected = concat(
                bytes(0x30, 0x47),
                bytes(0x02, 0x01, 0x01),
                bytes(0x04, 0x20), previous,
                bytes(0x04, 0x20), data);

        assertThat(BlockHashes.headerBytes(header)).isEqualTo(expected);
        assertThat(BlockHashes.headerHash(header)).isEqualTo(sha256(expected));
        // The same SHA-256, computed outside Java (Python hashlib over the DER bytes above).
        assertThat(HEX.formatHex(BlockHashes.headerHash(header)))
                .isEqualTo("8958d309221dff9175606e70d8b0f60d44326787f5375730953d3e4c7277894b");
    }

    @Test
    void data_hash_remembered_for_the_last_block_data_never_answers_for_other_data() {
        BlockData first = BlockData.newBuilder().addData(ByteString.copyFromUtf8("one")).build();
        BlockData second = BlockData.newBuilder().addData(ByteString.copyFromUtf8("two")).build();
        BlockData firstAgain = BlockData.newBuilder().addData(ByteString.copyFromUtf8("one")).build();

        byte[] hashOfFirst = BlockHashes.dataHash(first);
        hashOfFirst[0] ^= 1; // the caller's copy; the remembered hash stays intact
        assertThat(BlockHashes.dataHash(first)).isEqualTo(sha256(bytes('o', 'n', 'e')));
        assertThat(BlockHashes.dataHash(second)).isEqualTo(sha256(bytes('t', 'w', 'o')));
        assertThat(BlockHashes.dataHash(firstAgain)).isEqualTo(sha256(bytes('o', 'n', 'e')));
    }

    @Test
    void a_block_keeps_its_data_instance_through_the_validation_codes_so_the_store_reuses_its_hash() {
        Block built = Blocks.newBlock(0, null, java.util.List.of(Envelope.newBuilder()
                .setPayload(ByteString.copyFromUtf8("payload")).build()));

        Block committed = Blocks.withValidationCodes(built, java.util.List.of(TxValidationCode.VALID));

        assertThat(committed.getData()).isSameAs(built.getData());
        assertThat(committed.getHeader().getDataHash().toByteArray())
                .isEqualTo(BlockHashes.dataHash(committed.getData()));
    }

    @Test
    void genesis_header_without_hashes_encodes_empty_octet_strings() {
        // Go's asn1.Marshal writes a nil []byte as an empty OCTET STRING and big.Int 0 as INTEGER 00.
        BlockHeader header = BlockHeader.newBuilder().setNumber(0).build();

        assertThat(HEX.formatHex(BlockHashes.headerBytes(header))).isEqualTo("300702010004000400");
        assertThat(BlockHashes.headerHash(header))
                .isEqualTo(sha256(bytes(0x30, 0x07, 0x02, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00)));
    }

    @Test
    void numbers_are_minimal_positive_integers_read_as_uint64() {
        assertThat(BlockHashes.unsignedInteger(0)).isEqualTo(bytes(0x00));
        assertThat(BlockHashes.unsignedInteger(127)).isEqualTo(bytes(0x7f));
        assertThat(BlockHashes.unsignedInteger(128)).isEqualTo(bytes(0x00, 0x80));
        assertThat(BlockHashes.unsignedInteger(255)).isEqualTo(bytes(0x00, 0xff));
        assertThat(BlockHashes.unsignedInteger(256)).isEqualTo(bytes(0x01, 0x00));
        assertThat(BlockHashes.unsignedInteger(Long.MAX_VALUE))
                .isEqualTo(bytes(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
        // Fabric's block number is a uint64: 2^64 - 1 needs a leading zero octet to stay positive.
        assertThat(BlockHashes.unsignedInteger(-1L))
                .isEqualTo(bytes(0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));

        BlockHeader header = header(128, new byte[0], new byte[0]);
        assertThat(BlockHashes.headerBytes(header))
                .isEqualTo(bytes(0x30, 0x08, 0x02, 0x02, 0x00, 0x80, 0x04, 0x00, 0x04, 0x00));
    }

    @Test
    void long_hashes_use_the_long_form_of_der_lengths() {
        byte[] previous = filled(300, 0x0a);
        byte[] data = filled(200, 0x0b);
        BlockHeader header = header(5, previous, data);

        // 3 + (4 + 300) + (3 + 200) = 510 content bytes: 0x82 0x01 0xfe.
        byte[] expected = concat(
                bytes(0x30, 0x82, 0x01, 0xfe),
                bytes(0x02, 0x01, 0x05),
                bytes(0x04, 0x82, 0x01, 0x2c), previous,
                bytes(0x04, 0x81, 0xc8), data);

        assertThat(BlockHashes.headerBytes(header)).isEqualTo(expected);
    }

    @Test
    void header_bytes_agree_with_bouncy_castle_der() {
        Property.forAll(300, random -> {
            byte[] previous = new byte[random.nextInt(141)];
            byte[] data = new byte[random.nextInt(141)];
            random.nextBytes(previous);
            random.nextBytes(data);
            long number = random.nextInt(4) == 0 ? Property.longBetween(random, 0, 300) : random.nextLong();
            return new Object[] {number, previous, data};
        }, input -> {
            long number = (Long) input[0];
            byte[] previous = (byte[]) input[1];
            byte[] data = (byte[]) input[2];
            BigInteger unsigned = new BigInteger(Long.toUnsignedString(number));
            byte[] bouncyCastle = new DERSequence(new ASN1Encodable[] {
                        new ASN1Integer(unsigned), new DEROctetString(previous), new DEROctetString(data)
                    })
                    .getEncoded(ASN1Encoding.DER);

            assertThat(BlockHashes.headerBytes(header(number, previous, data))).isEqualTo(bouncyCastle);
        });
    }

    @Test
    void data_hash_is_sha256_of_the_concatenated_entries() {
        BlockData data = BlockData.newBuilder()
                .addData(ByteString.copyFromUtf8("first envelope"))
                .addData(ByteString.EMPTY)
                .addData(ByteString.copyFromUtf8("second"))
                .build();

        assertThat(BlockHashes.dataHash(data)).isEqualTo(sha256(TestLedger.utf8("first envelopesecond")));
        assertThat(BlockHashes.dataHash(BlockData.getDefaultInstance())).isEqualTo(sha256(new byte[0]));
        assertThat(HEX.formatHex(BlockHashes.dataHash(BlockData.getDefaultInstance())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static BlockHeader header(long number, byte[] previous, byte[] data) {
        return BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previous))
                .setDataHash(ByteString.copyFrom(data))
                .build();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
