package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.fairmark.contract.FairmarkContracts;
import org.fairmark.network.ledger.LedgerState;
import org.fairmark.network.ledger.StateSnapshots;
import org.fairmark.simulator.ContractReader;
import org.fairmark.simulator.Invocation;
import org.fairmark.simulator.SimulationResult;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The committed ledger of a stopped development network, read in this process: the world state from the newest
 * state snapshot and the blocks after it (changing no file, taking no lock), and the contract's read-only
 * transactions run against it as the network's endorser runs them, without a gateway, gRPC, TLS, CA or orderer. It
 * is what a one-off read command ({@code fairmark batch get}) uses when no background network runs; its answers
 * are the bytes the network's {@code Evaluate} returns. It cannot write: writes are endorsed, ordered and validated
 * by a network.
 *
 * <p>The caller's identity is not checked against the organizations' CAs (there is no signed proposal): whoever can
 * read the data directory can read its ledger files anyway. The contract's own access rules apply as online.
 *
 * <pre>{@code
 * LedgerReader reader = LedgerReader.open(Path.of("devnet"));
 * LedgerReader.Answer answer = reader.evaluate("CoopMSP", certificate, "batch:Get", requestJson);
 * }</pre>
 */
public final class LedgerReader {
    private static volatile ContractReader contracts;
    private static final SecureRandom NONCES = new SecureRandom();

    private final String channel;
    private final String chaincode;
    private final LedgerState state;

    private LedgerReader(String channel, String chaincode, LedgerState state) {
        this.channel = channel;
        this.chaincode = chaincode;
        this.state = state;
    }

    /**
     * Whether {@code dataDir} holds a development network whose ledger a reader can open ({@code network.properties}
     * and a ledger directory).
     */
    public static boolean exists(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir == null");
        return Files.isRegularFile(dataDir.resolve(NetworkLayout.PROPERTIES_FILE))
                && Files.isDirectory(dataDir.resolve(NetworkLayout.LEDGER_DIR));
    }

    /**
     * Reads the ledger of the development network in {@code dataDir}.
     *
     * @throws NoSuchFileException if the directory holds no development network
     * @throws org.fairmark.network.ledger.LedgerCorruptedException if a block other than an unfinished last append
     *     is damaged
     * @throws IOException if the files cannot be read
     */
    public static LedgerReader open(Path dataDir) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir == null");
        Path propertiesFile = dataDir.resolve(NetworkLayout.PROPERTIES_FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, UTF_8)) {
            properties.load(reader);
        }
        String channel = properties.getProperty("channel", "").strip();
        String chaincode = properties.getProperty("chaincode", "").strip();
        if (channel.isEmpty() || chaincode.isEmpty()) {
            throw new IOException(propertiesFile + " names no channel or chaincode");
        }
        Path ledger = dataDir.resolve(NetworkLayout.LEDGER_DIR);
        if (!Files.isDirectory(ledger)) {
            throw new NoSuchFileException(ledger.toString(), null, "no ledger directory");
        }
        return new LedgerReader(channel, chaincode, StateSnapshots.restoreReadOnly(ledger));
    }

    /** The channel name of the network. */
    public String channelName() {
        return channel;
    }

    /** The chaincode name of the network, also the namespace of its state. */
    public String chaincodeName() {
        return chaincode;
    }

    /** The number of whole committed blocks read, genesis included. */
    public long height() {
        return state.height();
    }

    /** Whether {@code function} is a read-only transaction of the contract, which {@link #evaluate} runs. */
    public static boolean reads(String function) {
        return contracts().reads(function);
    }

    /**
     * Runs the read-only transaction {@code function} with its one JSON argument as the identity ({@code mspId},
     * {@code certificate}) against the committed state.
     *
     * @throws IllegalArgumentException if {@code function} is a write
     */
    public Answer evaluate(String mspId, X509Certificate certificate, String function, byte[] argument) {
        Objects.requireNonNull(mspId, "mspId == null");
        Objects.requireNonNull(certificate, "certificate == null");
        Objects.requireNonNull(function, "function == null");
        Objects.requireNonNull(argument, "argument == null");
        byte[] creator = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(pem(certificate), UTF_8))
                .build()
                .toByteArray();
        byte[] nonce = new byte[32];
        NONCES.nextBytes(nonce);
        Invocation invocation = new Invocation(channel, HexFormat.of().formatHex(nonce), Instant.now(), creator,
                List.of(function.getBytes(UTF_8), argument), Map.of(), null, null, mspId);
        SimulationResult result = state.read(committed -> contracts().evaluate(committed, chaincode, invocation));
        return new Answer(result.status(), result.message(), result.payload());
    }

    /**
     * The contract's answer.
     *
     * @param status 200 for success, 400 and above for an error
     * @param message the error message ({@code CODE: text} for a coded refusal), empty on success
     * @param payload the result (canonical JSON) on success
     */
    public record Answer(int status, String message, byte[] payload) {
        public Answer {
            Objects.requireNonNull(message, "message == null");
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** Whether the contract answered without an error. */
        public boolean ok() {
            return status < SimulationResult.ERROR_THRESHOLD;
        }
    }

    /** The certificate as the fabric-gateway client's {@code X509Identity} serializes it. */
    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static ContractReader contracts() {
        ContractReader reader = contracts;
        if (reader == null) {
            reader = ContractReader.of(FairmarkContracts.classes());
            contracts = reader;
        }
        return reader;
    }

    @Override
    public String toString() {
        return "LedgerReader[channel=" + channel + ", chaincode=" + chaincode + ", height=" + height() + "]";
    }
}
