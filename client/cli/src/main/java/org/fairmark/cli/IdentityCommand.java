package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fairmark.client.FabricCaClient;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.DevCaException;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Wallet;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Jurisdiction;
import org.fairmark.domain.MspId;
import org.fairmark.domain.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark identity list|create|enroll|register}: the wallet of the data directory, and a Fabric CA. */
@Command(name = "identity", description = "Wallet identities: list them, issue one from an organization's"
        + " development CA, or enroll and register with a Fabric CA. 身份管理。", subcommands = {IdentityCommand.ListIdentities.class, IdentityCommand.Create.class, IdentityCommand.Enroll.class,
            IdentityCommand.Register.class})
final class IdentityCommand extends GroupCommand {

    @Command(name = "list", description = "The wallet's identities with MSP, role and jurisdiction. 列出身份。")
    static final class ListIdentities extends FairmarkCommand {
        @Override
        int execute() {
            Session session = session();
            session.ensureDevelopmentNetwork();
            Path wallet = session.wallet();
            if (!Files.isDirectory(wallet)) {
                throw new CliException(ErrorCode.IDENTITY_INVALID, "there is no wallet in " + session.dataDir());
            }
            ArrayNode json = CliJson.MAPPER.createArrayNode();
            List<String> lines = new ArrayList<>();
            for (String name : FairmarkIdentity.walletNames(wallet)) {
                FairmarkIdentity identity = FairmarkIdentity.fromWallet(wallet, name);
                ObjectNode entry = json.addObject();
                entry.put("name", name);
                entry.put("mspId", identity.mspId());
                identity.role().ifPresent(role -> entry.put("role", role.attributeValue()));
                if (!identity.jurisdiction().isEmpty()) {
                    entry.put("jurisdiction", String.join(",", identity.jurisdiction()));
                }
                entry.put("validUntil", identity.certificate().getNotAfter().toInstant().toString());
                lines.add(String.format("%-22s %-12s %-10s %s", name, identity.mspId(),
                        identity.role().map(Role::attributeValue).orElse("-"), String.join(",", identity.jurisdiction())));
            }
            out().json(json);
            lines.forEach(out()::line);
            return 0;
        }
    }

    @Command(name = "create", description = {
        "Issue a new identity from an organization's development CA. 签发新身份。",
        "%nThe certificate carries fairmark.role (and, for inspectors, fairmark.jurisdiction) as Fabric CA"
            + " attributes; the identity is written to the wallet of the data directory.",
        "%nExample:",
        "  fairmark identity create inspector2@bureau --org BureauMSP \\",
        "      --role inspector --jurisdiction 130227"})
    static final class Create extends FairmarkCommand {
        @Parameters(paramLabel = "NAME", description = "Wallet name and certificate CN, e.g. clerk@coop.")
        String name;

        @Option(names = "--org", required = true, paramLabel = "MSP", description = "Issuing organization, e.g. CoopMSP.")
        String org;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "producer, packer, inspector, carrier, buyer or auditor.")
        String role;

        @Option(names = "--jurisdiction", paramLabel = "CODES",
                description = "Inspectors: comma-separated county codes or prefixes, e.g. 130227,1302.")
        String jurisdiction;

        @Override
        int execute() {
            Role parsedRole = Role.fromAttribute(role.toLowerCase(java.util.Locale.ROOT));
            if (parsedRole == null) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "unknown role '" + role
                        + "': producer, packer, inspector, carrier, buyer or auditor");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(Role.ATTRIBUTE, parsedRole.attributeValue());
            if (parsedRole == Role.INSPECTOR) {
                if (jurisdiction == null) {
                    throw new CliException(ErrorCode.INVALID_ARGUMENT, "an inspector needs --jurisdiction");
                }
                try {
                    Jurisdiction parsed = Jurisdiction.parse(jurisdiction);
                    attributes.put(Role.JURISDICTION_ATTRIBUTE, String.join(",", parsed.entries()));
                } catch (DomainException e) {
                    throw new CliException(e.code(), e.detail());
                }
            } else if (jurisdiction != null) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "only inspectors have a jurisdiction");
            }
            if (root().gateway != null) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT,
                        "identity create issues from the development CAs of a data directory, not through --gateway");
            }
            Session session = session();
            session.ensureDevelopmentNetwork();
            Path caDirectory = session.dataDir().resolve("orgs").resolve(org).resolve("ca");
            if (!MspId.isValid(org) || !Files.isDirectory(caDirectory)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "no organization " + org + " in " + session.dataDir()
                        + " (have: " + String.join(", ", organizations(session.dataDir())) + ")");
            }
            Wallet wallet = Wallet.open(session.wallet());
            if (wallet.contains(name)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "the wallet already has an identity '" + name + "'");
            }
            Identity identity;
            try {
                CertificateAuthority ca = CertificateAuthority.load(caDirectory);
                identity = ca.issue(name, attributes);
                wallet.put(identity);
            } catch (IllegalArgumentException | DevCaException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            }
            ObjectNode json = CliJson.object();
            json.put("name", identity.name());
            json.put("mspId", identity.mspId());
            json.put("role", parsedRole.attributeValue());
            if (attributes.containsKey(Role.JURISDICTION_ATTRIBUTE)) {
                json.put("jurisdiction", attributes.get(Role.JURISDICTION_ATTRIBUTE));
            }
            json.put("wallet", session.wallet().resolve(identity.name()).toString());
            out().json(json);
            out().say("identity.created", identity.name(), identity.mspId(), parsedRole.attributeValue());
            return 0;
        }

        private static List<String> organizations(Path dataDir) {
            try (Stream<Path> orgs = Files.list(dataDir.resolve("orgs"))) {
                return orgs.map(path -> path.getFileName().toString()).sorted().toList();
            } catch (java.io.IOException e) {
                return List.of();
            }
        }
    }

    /** Options shared by the Fabric CA commands. */
    abstract static class CaCommand extends FairmarkCommand {
        @Option(names = "--ca-url", required = true, paramLabel = "URL",
                description = "The Fabric CA, e.g. https://ca.coop.example:7054 (http:// for a local CA).")
        String caUrl;

        @Option(names = "--ca-name", paramLabel = "NAME", description = "The CA's name on a multi-CA server.")
        String caName;

        @Option(names = "--tls-ca", paramLabel = "FILE", description = "PEM certificate(s) that sign the CA's TLS"
                + " certificate (https only; default: the JVM's trust store).")
        Path tlsCa;

        FabricCaClient ca() {
            URI url;
            try {
                url = new URI(caUrl);
            } catch (URISyntaxException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "--ca-url '" + caUrl + "' is not a URL");
            }
            List<X509Certificate> trusted = null;
            if (tlsCa != null) {
                trusted = Certificates.read(tlsCa);
            }
            return FabricCaClient.create(url, caName, trusted);
        }

        Path wallet() {
            return root().dataDirectory().resolve("wallet");
        }

        static Role role(String role) {
            Role parsed = Role.fromAttribute(role.toLowerCase(java.util.Locale.ROOT));
            if (parsed == null) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "unknown role '" + role
                        + "': producer, packer, inspector, carrier, buyer or auditor");
            }
            return parsed;
        }
    }

    @Command(name = "enroll", description = {
        "Enroll with a Fabric CA and store the identity in the wallet. 向 Fabric CA 登记并存入钱包。",
        "%nA new P-256 key and a certificate request go to the CA, which must put fairmark.role (and, for"
            + " inspectors, fairmark.jurisdiction) into the certificate; --no-role enrolls a CA administrator"
            + " (a registrar) without them.",
        "%nExample:",
        "  fairmark identity enroll --ca-url https://ca.coop.example:7054 --tls-ca coop-ca-tls.pem \\",
        "      --id clerk@coop --secret s3cret --msp-id CoopMSP --role producer"})
    static final class Enroll extends CaCommand {
        @Option(names = "--id", required = true, paramLabel = "ID", description = "The enrollment id.")
        String id;

        @Option(names = "--secret", required = true, paramLabel = "SECRET", description = "The enrollment secret.")
        String secret;

        @Option(names = "--role", paramLabel = "ROLE", description = "The role the certificate must carry.")
        String role;

        @Option(names = "--jurisdiction", paramLabel = "CODES", description = "The jurisdiction it must carry.")
        String jurisdiction;

        @Option(names = "--no-role", description = "Enroll without Fairmark attributes (a registrar).")
        boolean noRole;

        @Option(names = "--name", paramLabel = "NAME", description = "Wallet name (default: the enrollment id).")
        String name;

        @Override
        int execute() {
            String mspId = root().mspId;
            if (mspId == null) {
                throw new UsageException("identity enroll needs --msp-id, the organization's MSP id");
            }
            if (noRole && (role != null || jurisdiction != null)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "--no-role goes without --role and --jurisdiction");
            }
            Role expected = role == null ? null : role(role);
            String walletName = name == null ? id : name;
            if (!walletName.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "wallet name '" + walletName
                        + "' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
            }
            Wallet wallet;
            try {
                wallet = Wallet.open(wallet());
            } catch (IllegalArgumentException | DevCaException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            }
            if (wallet.contains(walletName)) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "the wallet already has an identity '" + walletName
                        + "'");
            }
            FabricCaClient ca = ca();
            FabricCaClient.Enrollment enrollment = noRole ? ca.enrollWithoutRole(id, secret, mspId)
                    : ca.enroll(id, secret, mspId, expected, jurisdiction);
            FairmarkIdentity identity = enrollment.identity();
            try {
                wallet.put(new Identity(walletName, mspId, identity.certificate(), enrollment.privateKey()));
            } catch (IllegalArgumentException | DevCaException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            }
            ObjectNode json = CliJson.object();
            json.put("name", walletName);
            json.put("mspId", mspId);
            identity.role().ifPresent(r -> json.put("role", r.attributeValue()));
            if (!identity.jurisdiction().isEmpty()) {
                json.put("jurisdiction", String.join(",", identity.jurisdiction()));
            }
            json.put("validUntil", identity.certificate().getNotAfter().toInstant().toString());
            json.put("wallet", wallet().resolve(walletName).toString());
            out().json(json);
            out().say("identity.enrolled", walletName, mspId, identity.role().map(Role::attributeValue).orElse("-"));
            return 0;
        }
    }

    @Command(name = "register", description = {
        "Register a new identity with a Fabric CA and print its enrollment secret. 在 Fabric CA 注册身份。",
        "%nThe registrar is a wallet identity enrolled from the same CA (e.g. with identity enroll --no-role);"
            + " the new identity gets fairmark.role (and fairmark.jurisdiction) as certificate attributes.",
        "%nExample:",
        "  fairmark identity register --ca-url https://ca.coop.example:7054 --tls-ca coop-ca-tls.pem \\",
        "      --registrar ca-admin@coop --id clerk@coop --role producer"})
    static final class Register extends CaCommand {
        @Option(names = "--registrar", required = true, paramLabel = "NAME", description = "The registrar's wallet name.")
        String registrar;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The new enrollment id.")
        String id;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "producer, packer, inspector, carrier, buyer or auditor.")
        String role;

        @Option(names = "--jurisdiction", paramLabel = "CODES",
                description = "Inspectors: comma-separated county codes or prefixes.")
        String jurisdiction;

        @Option(names = "--secret", paramLabel = "SECRET", description = "The secret (default: the CA chooses one).")
        String secret;

        @Option(names = "--affiliation", paramLabel = "NAME", defaultValue = "",
                description = "The affiliation (default: the registrar's).")
        String affiliation;

        @Option(names = "--max-enrollments", paramLabel = "N", defaultValue = "0",
                description = "How often the secret may be used (default: the CA's setting).")
        int maxEnrollments;

        @Override
        int execute() {
            Role parsed = role(role);
            FabricCaClient.Registration registration =
                    new FabricCaClient.Registration(id, secret, parsed, jurisdiction, affiliation, maxEnrollments);
            FairmarkIdentity registrarIdentity = FairmarkIdentity.fromWallet(wallet(), registrar);
            String issued = ca().register(registrarIdentity, registration);
            ObjectNode json = CliJson.object();
            json.put("id", id);
            json.put("role", parsed.attributeValue());
            json.put("secret", issued);
            out().json(json);
            out().line(issued);
            return 0;
        }
    }
}
