package org.fairmark.network;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.fairmark.devca.Wallet;

/**
 * The data directory of an embedded network: on first start it is filled with the development network of the
 * {@link Roster} (four organizations), each with a CA, a peer identity and named users; later starts read what is there.
 *
 * <pre>
 * dataDir/
 *   network.properties          channel, chaincode, organizations, endorsement policy (written last)
 *   orgs/&lt;MSP&gt;/ca/              the organization's development CA (certificate, key, revocation list)
 *   orgs/&lt;MSP&gt;/peer/&lt;name&gt;/     the peer's signing identity (cert.pem, key.pem, mspid)
 *   wallet/&lt;user&gt;/              users' identities as PEM files, e.g. wallet/producer@coop
 *   ledger/                     the block files
 * </pre>
 */
final class NetworkLayout {
    static final String PROPERTIES_FILE = "network.properties";
    static final String LEDGER_DIR = "ledger";
    static final String WALLET_DIR = "wallet";
    static final String ORGS_DIR = "orgs";

    private static final Logger LOGGER = Logger.getLogger(NetworkLayout.class.getName());

    /** The domain suffix of the default network's organizations: {@code coop.example.com}, ... */
    static final String DOMAIN_SUFFIX = "example.com";

    private final Path dataDir;
    private final String channel;
    private final String chaincode;
    private final List<Organization> organizations;
    private final String endorsementPolicy;
    private final Wallet wallet;

    private NetworkLayout(
            Path dataDir,
            String channel,
            String chaincode,
            List<Organization> organizations,
            String endorsementPolicy,
            Wallet wallet) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.chaincode = chaincode;
        this.organizations = List.copyOf(organizations);
        this.endorsementPolicy = endorsementPolicy;
        this.wallet = wallet;
    }

    /**
     * Opens the network in {@code dataDir}, creating the default network there first if it has none.
     *
     * @param channel the channel name wanted, or null for the stored one (new networks: {@code fairmark})
     * @param chaincode the chaincode name wanted, or null for the stored one (new networks: {@code fairmark})
     * @param endorsementPolicy the chaincode endorsement policy for a new network, or null for the default
     *     ({@code MAJORITY})
     * @throws IllegalStateException if an explicitly requested channel or chaincode differs from the stored one
     */
    static NetworkLayout openOrCreate(Path dataDir, String channel, String chaincode, String endorsementPolicy)
            throws IOException {
        Files.createDirectories(dataDir);
        Path propertiesFile = dataDir.resolve(PROPERTIES_FILE);
        if (!Files.exists(propertiesFile)) {
            create(dataDir, channel == null ? "fairmark" : channel, chaincode == null ? "fairmark" : chaincode,
                    endorsementPolicy);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String storedChannel = required(properties, "channel", propertiesFile);
        String storedChaincode = required(properties, "chaincode", propertiesFile);
        if (channel != null && !channel.equals(storedChannel)) {
            throw new IllegalStateException(dataDir + " holds channel '" + storedChannel + "', not '" + channel + "'");
        }
        if (chaincode != null && !chaincode.equals(storedChaincode)) {
            throw new IllegalStateException(
                    dataDir + " holds chaincode '" + storedChaincode + "', not '" + chaincode + "'");
        }
        List<Organization> organizations = new ArrayList<>();
        for (String mspId : required(properties, "organizations", propertiesFile).split(",")) {
            Path orgDir = dataDir.resolve(ORGS_DIR).resolve(mspId.strip());
            CertificateAuthority ca = CertificateAuthority.load(orgDir.resolve("ca"));
            Wallet peers = Wallet.open(orgDir.resolve("peer"));
            List<String> names = peers.names();
            if (names.isEmpty()) {
                throw new IllegalStateException(orgDir.resolve("peer") + " holds no peer identity");
            }
            organizations.add(new Organization(ca.mspId(), ca, peers.get(names.get(0))));
        }
        String policy = properties.getProperty("endorsementPolicy", "").strip();
        return new NetworkLayout(dataDir, storedChannel, storedChaincode, organizations,
                policy.isEmpty() ? null : policy, Wallet.open(dataDir.resolve(WALLET_DIR)));
    }

    private static void create(Path dataDir, String channel, String chaincode, String endorsementPolicy)
            throws IOException {
        LOGGER.info(() -> "creating a development network in " + dataDir + ": channel " + channel + ", chaincode "
                + chaincode + ", organizations " + Roster.ORGANIZATIONS.stream().map(Roster.Org::mspId).toList());
        Wallet wallet = Wallet.open(dataDir.resolve(WALLET_DIR));
        List<String> mspIds = new ArrayList<>();
        for (Roster.Org org : Roster.ORGANIZATIONS) {
            String domain = org.domain(DOMAIN_SUFFIX);
            CertificateAuthority ca = CertificateAuthority.create(org.mspId(), domain);
            Path orgDir = dataDir.resolve(ORGS_DIR).resolve(org.mspId());
            ca.save(orgDir.resolve("ca"));
            Identity peer = ca.issuePeer("peer0." + domain);
            Wallet.open(orgDir.resolve("peer")).put(peer);
            wallet.put(ca.issueAdmin(org.adminName()));
            org.users().forEach(user -> wallet.put(ca.issue(user.walletName(), user.attributes())));
            mspIds.add(org.mspId());
        }
        Properties properties = new Properties();
        properties.setProperty("channel", channel);
        properties.setProperty("chaincode", chaincode);
        properties.setProperty("organizations", String.join(",", mspIds));
        if (endorsementPolicy != null) {
            properties.setProperty("endorsementPolicy", endorsementPolicy);
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Fairmark embedded network; delete the directory to start afresh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dataDir.resolve(PROPERTIES_FILE);
        Path temporary = dataDir.resolve(PROPERTIES_FILE + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write(text.toString());
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Saves an organization's CA after a revocation. */
    void saveCa(Organization organization) {
        organization.ca().save(dataDir.resolve(ORGS_DIR).resolve(organization.mspId()).resolve("ca"));
    }

    Path dataDir() {
        return dataDir;
    }

    Path ledgerDir() {
        return dataDir.resolve(LEDGER_DIR);
    }

    String channel() {
        return channel;
    }

    String chaincode() {
        return chaincode;
    }

    List<Organization> organizations() {
        return organizations;
    }

    /** The stored endorsement policy, or null for the default. */
    String endorsementPolicy() {
        return endorsementPolicy;
    }

    Wallet wallet() {
        return wallet;
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no '" + key + "'");
        }
        return value.strip();
    }
}
