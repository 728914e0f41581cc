package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairmark.cli.web.TokenStore;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.domain.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark token create|list|revoke}: bearer tokens of the web server's write endpoints. */
@Command(name = "token", description = "Bearer tokens for the web API's writes, each bound to one wallet identity;"
        + " only their SHA-256 is stored. Web 接口令牌。",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand extends GroupCommand {

    static TokenStore store(RootCommand root) {
        try {
            return TokenStore.inDataDir(root.dataDirectory());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read the token file in " + root.dataDirectory()
                    + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "create", description = {
        "Create a token acting as a wallet identity; shown once. 创建令牌（只显示一次）。",
        "%nExample:",
        "  fairmark token create buyer@market --label \"scale station 3\""})
    static final class Create extends FairmarkCommand {
        @Parameters(paramLabel = "IDENTITY", arity = "0..1", description = "Wallet identity (default --as).")
        String identity;

        @Option(names = "--label", paramLabel = "TEXT", description = "What the token is for.")
        String label;

        @Override
        int execute() {
            String name = identity != null ? identity : root().as;
            if (name == null) {
                throw new UsageException("name the identity: 'token create NAME' or --as NAME");
            }
            Path wallet = root().dataDirectory().resolve("wallet");
            if (Files.isDirectory(wallet) && !FairmarkIdentity.walletNames(wallet).contains(name)) {
                throw new CliException(ErrorCode.IDENTITY_INVALID, "the wallet in " + root().dataDirectory()
                        + " has no identity '" + name + "'");
            }
            TokenStore.IssuedToken issued;
            try {
                issued = store(root()).create(name, label);
            } catch (IllegalArgumentException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot use the token store: " + e.getMessage(), e);
            }
            ObjectNode json = CliJson.object();
            json.put("id", issued.token().id());
            json.put("identity", issued.token().identity());
            if (issued.token().label() != null) {
                json.put("label", issued.token().label());
            }
            json.put("createdAt", issued.token().createdAt().toString());
            json.put("token", issued.secret());
            out().json(json);
            out().say("token.created", issued.token().id(), issued.token().identity());
            out().line(issued.secret());
            return 0;
        }
    }

    @Command(name = "list", description = "Every token: id, identity, label, creation time (never the secret). 列出令牌。")
    static final class ListTokens extends FairmarkCommand {
        @Override
        int execute() {
            List<TokenStore.Token> tokens = store(root()).list();
            ArrayNode json = CliJson.MAPPER.createArrayNode();
            for (TokenStore.Token token : tokens) {
                ObjectNode entry = json.addObject();
                entry.put("id", token.id());
                entry.put("identity", token.identity());
                if (token.label() != null) {
                    entry.put("label", token.label());
                }
                entry.put("createdAt", token.createdAt().toString());
                out().line(String.format("%s  %-22s %s  %s", token.id(), token.identity(), token.createdAt(),
                        token.label() == null ? "" : token.label()));
            }
            out().json(json);
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by id; writes with it are refused from the next request on. 吊销令牌。")
    static final class Revoke extends FairmarkCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int execute() {
            boolean revoked;
            try {
                revoked = store(root()).revoke(id);
            } catch (UncheckedIOException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot use the token store: " + e.getMessage(), e);
            }
            if (!revoked) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "no token with id '" + id + "'");
            }
            ObjectNode json = CliJson.object();
            json.put("id", id);
            json.put("revoked", true);
            out().json(json);
            out().say("token.revoked", id);
            return 0;
        }
    }
}
