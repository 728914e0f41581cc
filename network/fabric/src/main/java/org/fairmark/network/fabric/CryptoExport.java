package org.fairmark.network.fabric;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Pem;
import org.fairmark.devca.Roster;
import org.fairmark.devca.TlsMaterial;
import org.fairmark.devca.Wallet;

/**
 * Exports crypto material for a native Fabric network from the development CA ({@code network/devca}): one MSP
 * folder per organization in Fabric's layout, with a NodeOUs {@code config.yaml} whose OU names are those the dev CA
 * puts into certificates ({@code client}, {@code peer}, {@code admin}, {@code orderer}), the node identities and TLS
 * material, and a wallet of Fairmark users.
 *
 * <pre>
 * out/
 *   orgs/&lt;MSP&gt;/ca/                         the organization's dev CA (reused when present)
 *   orgs/&lt;MSP&gt;/msp/                        cacerts/ca.pem, tlscacerts/ca.pem, config.yaml (channel MSP),
 *                                          crls/crl.pem when the CA has revoked certificates (revoked.txt)
 *   orgs/&lt;MSP&gt;/peers/peer0/               msp/ (signcerts, keystore, cacerts, tlscacerts, config.yaml),
 *                                          tls/ (server.crt, server.key, ca.crt), hostname
 *   orgs/&lt;MSP&gt;/users/admin/               msp/ and tls/ (client.crt, client.key, ca.crt) of the org admin
 *   orgs/OrdererMSP/orderers/orderer0/     msp/, tls/, hostname
 *   contract/tls/                          server.crt/.key, client.crt/.key (what peers present), ca.crt: the
 *                                          contract service's mutual TLS (CoopMSP CA), for {@code deploy.sh --tls}
 *   wallet/&lt;user&gt;/                        users with fairmark.role (producer@coop, inspector@bureau, ...)
 * </pre>
 *
 * <p>{@code --ca-from DIR} takes the peer organizations' CAs from an embedded network's data directory
 * ({@code DIR/orgs/<MSP>/ca}), so the identities of that directory's wallet are valid on the Fabric network too; the
 * wallet is then not written. Running it again keeps the CAs and re-issues node and user certificates.
 *
 * <pre>{@code
 * java -cp ... org.fairmark.network.fabric.CryptoExport --out state/crypto --wallet state/wallet
 * }</pre>
 */
public final class CryptoExport {
    /** The orderer organization's MSP id. */
    public static final String ORDERER_MSP = Roster.ORDERER_MSP;
    /** The domain suffix of the Fabric network's organizations: {@code coop.fairmark.local}, ... */
    public static final String DOMAIN_SUFFIX = "fairmark.local";

    /** The four peer organizations: the {@link Roster}'s, with the same MSP ids and users as the embedded network. */
    public static final List<Roster.Org> PEER_ORGS = Roster.ORGANIZATIONS;

    static final String ORDERER_DOMAIN = Roster.ORDERER_NAME + "." + DOMAIN_SUFFIX;

    private CryptoExport() {}

    /**
     * Writes the material into {@code out}.
     *
     * @param caFrom an embedded network data directory to take the peer orgs' CAs from, or null
     * @param wallet where to write the users, or null for none
     */
    public static void export(Path out, Path caFrom, Path wallet) throws IOException {
        Objects.requireNonNull(out, "out == null");
        Path orgs = out.resolve("orgs");
        for (Roster.Org org : PEER_ORGS) {
            Path orgDir = orgs.resolve(org.mspId());
            CertificateAuthority ca;
            if (caFrom != null) {
                Path source = caFrom.resolve("orgs").resolve(org.mspId()).resolve("ca");
                if (!Files.exists(source.resolve("org.properties"))) {
                    throw new IllegalArgumentException(source + " holds no dev CA (no org.properties)");
                }
                ca = CertificateAuthority.load(source);
                ca.save(orgDir.resolve("ca"));
            } else {
                ca = loadOrCreate(orgDir.resolve("ca"), org.mspId(), org.domain(DOMAIN_SUFFIX));
            }
            String domain = ca.orgName();
            writeMsp(orgDir.resolve("msp"), ca, null);
            String peerHost = "peer0." + domain;
            writeNode(orgDir.resolve("peers").resolve("peer0"), ca, ca.issuePeer(peerHost), peerHost, "server");
            writeNode(orgDir.resolve("users").resolve("admin"), ca, ca.issueAdmin("admin@" + domain), "admin." + domain,
                    "client");
            if (wallet != null && caFrom == null) {
                Wallet users = Wallet.open(wallet);
                users.put(ca.issueAdmin(org.adminName()));
                org.users().forEach(user -> users.put(ca.issue(user.walletName(), user.attributes())));
            }
        }
        CertificateAuthority coop = CertificateAuthority.load(orgs.resolve(PEER_ORGS.get(0).mspId()).resolve("ca"));
        TlsMaterial contractTls = coop.issueTlsServer("localhost", "127.0.0.1");
        Path contract = out.resolve("contract").resolve("tls");
        write(contract.resolve("server.crt"), contractTls.certificatePem(), false);
        write(contract.resolve("server.key"), contractTls.privateKeyPem(), true);
        write(contract.resolve("ca.crt"), coop.certificatePem(), false);
        TlsMaterial peerClient = coop.issueTlsServer("peer-client.localhost");
        write(contract.resolve("client.crt"), peerClient.certificatePem(), false);
        write(contract.resolve("client.key"), peerClient.privateKeyPem(), true);
        Path ordererDir = orgs.resolve(ORDERER_MSP);
        CertificateAuthority ordererCa = loadOrCreate(ordererDir.resolve("ca"), ORDERER_MSP, ORDERER_DOMAIN);
        writeMsp(ordererDir.resolve("msp"), ordererCa, null);
        String ordererHost = "orderer0." + ordererCa.orgName();
        writeNode(ordererDir.resolve("orderers").resolve("orderer0"), ordererCa, ordererCa.issueOrderer(ordererHost),
                ordererHost, "server");
        writeNode(ordererDir.resolve("users").resolve("admin"), ordererCa,
                ordererCa.issueAdmin("admin@" + ordererCa.orgName()), "admin." + ordererCa.orgName(), "client");
    }

    private static CertificateAuthority loadOrCreate(Path dir, String mspId, String domain) {
        if (Files.exists(dir.resolve("org.properties"))) {
            return CertificateAuthority.load(dir);
        }
        CertificateAuthority ca = CertificateAuthority.create(mspId, domain);
        ca.save(dir);
        return ca;
    }

    /** The NodeOUs configuration: OU names as the dev CA writes them. */
    static String nodeOus() {
        StringBuilder yaml = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String[] ou : new String[][] {
            {"ClientOUIdentifier", "client"}, {"PeerOUIdentifier", "peer"},
            {"AdminOUIdentifier", "admin"}, {"OrdererOUIdentifier", "orderer"}
        }) {
            yaml.append("  ").append(ou[0]).append(":\n")
                    .append("    Certificate: cacerts/ca.pem\n")
                    .append("    OrganizationalUnitIdentifier: ").append(ou[1]).append('\n');
        }
        return yaml.toString();
    }

    private static void writeMsp(Path msp, CertificateAuthority ca, Identity identity) throws IOException {
        write(msp.resolve("cacerts").resolve("ca.pem"), ca.certificatePem(), false);
        write(msp.resolve("tlscacerts").resolve("ca.pem"), ca.certificatePem(), false);
        write(msp.resolve("config.yaml"), nodeOus(), false);
        X509CRL crl = ca.crl();
        Path crlFile = msp.resolve("crls").resolve("crl.pem");
        if (crl.getRevokedCertificates() != null && !crl.getRevokedCertificates().isEmpty()) {
            // configtxgen puts the org MSP's crls/ into the channel configuration: Fabric refuses those certificates
            write(crlFile, Pem.writeCrl(crl), false);
        } else {
            Files.deleteIfExists(crlFile);
        }
        if (identity != null) {
            write(msp.resolve("signcerts").resolve("cert.pem"), identity.certificatePem(), false);
            write(msp.resolve("keystore").resolve("key.pem"), identity.privateKeyPem(), true);
        }
    }

    private static void writeNode(Path dir, CertificateAuthority ca, Identity identity, String host, String tlsName)
            throws IOException {
        writeMsp(dir.resolve("msp"), ca, identity);
        List<String> names = new ArrayList<>(List.of(host, "localhost", "127.0.0.1"));
        TlsMaterial tls = ca.issueTlsServer(names.toArray(new String[0]));
        write(dir.resolve("tls").resolve(tlsName + ".crt"), tls.certificatePem(), false);
        write(dir.resolve("tls").resolve(tlsName + ".key"), tls.privateKeyPem(), true);
        write(dir.resolve("tls").resolve("ca.crt"), ca.certificatePem(), false);
        write(dir.resolve("hostname"), host + "\n", false);
    }

    private static void write(Path file, String content, boolean secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** {@code --out DIR [--wallet DIR] [--ca-from EMBEDDED_DATA_DIR]}. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!List.of("--out", "--wallet", "--ca-from").contains(args[i])) {
                usage("unknown option " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) {
            usage("option " + args[args.length - 1] + " has no value");
        }
        if (!options.containsKey("--out")) {
            usage("--out is required");
        }
        try {
            export(Path.of(options.get("--out")),
                    options.containsKey("--ca-from") ? Path.of(options.get("--ca-from")) : null,
                    options.containsKey("--wallet") ? Path.of(options.get("--wallet")) : null);
        } catch (IllegalArgumentException e) {
            System.err.println("crypto export: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void usage(String problem) {
        System.err.println("crypto export: " + problem);
        System.err.println("usage: CryptoExport --out DIR [--wallet DIR] [--ca-from EMBEDDED_DATA_DIR]");
        System.exit(2);
    }
}
