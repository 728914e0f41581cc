package org.fairmark.network.ledger;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.fairmark.devca.FastSha256;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's block hashes, byte for byte as Fabric 2.5's {@code protoutil} computes them.
 *
 * <ul>
 *   <li>{@link #headerBytes}: {@code protoutil.BlockHeaderBytes}, the ASN.1 DER encoding of
 *       {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }} (Go's
 *       {@code asn1.Marshal} of a struct holding a {@code *big.Int} and two {@code []byte}); the number is
 *       Fabric's {@code uint64}, so a negative Java {@code long} stands for a number above
 *       {@link Long#MAX_VALUE}.
 *   <li>{@link #headerHash}: {@code protoutil.BlockHeaderHash}, SHA-256 of those bytes. Block {@code n + 1}
 *       carries it as {@code previous_hash}.
 *   <li>{@link #dataHash}: {@code protoutil.BlockDataHash}, SHA-256 of the concatenated data entries.
 * </ul>
 *
 * {@snippet :
 * byte[] previousHash = BlockHashes.headerHash(lastBlock.getHeader());
 * }
 */
public final class BlockHashes {
    private static final int TAG_INTEGER = 0x02;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int TAG_SEQUENCE = 0x30;

    private BlockHashes() {}

    /** The DER bytes Fabric hashes for a block header, and that orderers sign inside block signatures. */
    public static byte[] headerBytes(BlockHeader header) {
        Objects.requireNonNull(header, "header == null");
        ByteArrayOutputStream content = new ByteArrayOutputStream(80);
        writeElement(content, TAG_INTEGER, unsignedInteger(header.getNumber()));
        writeElement(content, TAG_OCTET_STRING, header.getPreviousHash().toByteArray());
        writeElement(content, TAG_OCTET_STRING, header.getDataHash().toByteArray());
        ByteArrayOutputStream sequence = new ByteArrayOutputStream(content.size() + 4);
        writeElement(sequence, TAG_SEQUENCE, content.toByteArray());
        return sequence.toByteArray();
    }

    /** SHA-256 of {@link #headerBytes}: the hash the next block links to. */
    public static byte[] headerHash(BlockHeader header) {
        return sha256().digest(headerBytes(header));
    }

    /**
     * SHA-256 of the block's data entries concatenated, as the block header's {@code data_hash}.
     *
     * <p>The last result is remembered for that very (immutable) {@code BlockData} instance: the committer builds a
     * block ({@link Blocks#newBlock}) and the block store checks its data hash right after, and hashing a block's
     * data twice was a tenth of the network's CPU under load (bench/results/profile.md).
     */
    public static byte[] dataHash(BlockData data) {
        Objects.requireNonNull(data, "data == null");
        DataHash last = lastDataHash;
        if (last != null && last.data() == data) {
            return last.hash().clone();
        }
        MessageDigest digest = sha256();
        for (ByteString entry : data.getDataList()) {
            digest.update(entry.asReadOnlyByteBuffer());
        }
        byte[] hash = digest.digest();
        lastDataHash = new DataHash(data, hash.clone());
        return hash;
    }

    /** The data hash last computed, and of which instance. */
    private record DataHash(BlockData data, byte[] hash) {}

    private static volatile DataHash lastDataHash;

    /**
     * The minimal big-endian two's complement content octets of a non-negative INTEGER, reading {@code value} as
     * unsigned: {@code 0 -> 00}, {@code 127 -> 7f}, {@code 128 -> 00 80}, {@code 2^64-1 -> 00 ff .. ff}.
     */
    static byte[] unsignedInteger(long value) {
        byte[] bytes = new byte[9];
        for (int i = 0; i < 8; i++) {
            bytes[8 - i] = (byte) (value >>> (8 * i));
        }
        int start = 0;
        while (start < 8 && bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0) {
            start++;
        }
        return Arrays.copyOfRange(bytes, start, bytes.length);
    }

    private static void writeElement(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        writeLength(out, content.length);
        out.write(content, 0, content.length);
    }

    /** DER definite length: short form below 128, else {@code 0x80 | n} and n big-endian octets. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    static MessageDigest sha256() {
        return FastSha256.newDigest();
    }
}
