package org.fairmark.cli.web;

import org.fairmark.client.FairmarkClient;

/**
 * Opens a {@link FairmarkClient} acting as a wallet identity, for the {@link WebServer}. The CLI supplies one for the
 * embedded network or a real gateway; the server asks at most once per identity (public reads use the reader identity,
 * writes the identity a bearer token is bound to) and closes every client it got when it closes.
 *
 * <pre>{@code
 * FairmarkClient base = FairmarkClient.builder().connection(network.inProcessChannel())
 *         .identity(FairmarkIdentity.fromWallet(wallet, "auditor@bureau")).connect();
 * ClientFactory clients = name -> base.withIdentity(FairmarkIdentity.fromWallet(wallet, name));
 * }</pre>
 *
 * <p>A name the wallet does not hold should be refused with a {@link org.fairmark.client.FairmarkException} whose code
 * is {@link org.fairmark.domain.ErrorCode#IDENTITY_INVALID}; the server then answers 401.
 */
@FunctionalInterface
public interface ClientFactory {

    /**
     * A client signing as the wallet identity {@code identityName}, e.g. {@code buyer@market}.
     *
     * @throws org.fairmark.client.FairmarkException when the identity cannot be opened
     */
    FairmarkClient open(String identityName);
}
