package org.fairmark.cli.web;

import java.util.Objects;
import java.util.function.Function;
import org.fairmark.client.FairmarkClient;

/**
 * Who the server acts as for a request: the reader identity for public routes, or the identity a bearer token is
 * bound to. The client is opened on first use, so routes that never touch the ledger never open one.
 */
final class Caller {
    private final String identity;
    private final String tokenId;
    private final Function<String, FairmarkClient> clients;

    Caller(String identity, String tokenId, Function<String, FairmarkClient> clients) {
        this.identity = Objects.requireNonNull(identity, "identity == null");
        this.tokenId = tokenId;
        this.clients = Objects.requireNonNull(clients, "clients == null");
    }

    /** The wallet identity name. */
    String identity() {
        return identity;
    }

    /** The id of the bearer token, or {@code null} for public routes. */
    String tokenId() {
        return tokenId;
    }

    /** A client signing as the identity. */
    FairmarkClient client() {
        return clients.apply(identity);
    }
}
