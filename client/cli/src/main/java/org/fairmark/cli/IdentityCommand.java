package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

/** {@code fairmark identity list|create}: the wallet of the data directory. */
@Command(name = "identity", description = "Wallet identities: list them, or issue one from an organization's"
        + " development CA. 身份管理。", subcommands = {IdentityCommand.ListIdentities.class, IdentityCommand.Create.class})
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
}
