package org.fairmark.client;

import io.grpc.Channel;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.fairmark.devca.FastSha256;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * How every Fairmark client sets up its fabric-gateway connection: the identity, the signer, the fast SHA-256 of its
 * signing digests and a deadline on every call. {@link FairmarkClient} uses it, and so does the load tool's baseline
 * client, whose client side must cost what the library's does.
 *
 * <p>Each call carries its deadline to the gateway (gRPC's {@code grpc-timeout} header), so a Fabric peer gives up on
 * the endorsement or the commit wait when the client does.
 */
public final class Gateways {
    /** Deadline of each evaluate, endorse and submit call unless a client is given another. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Deadline of the commit status request of a submitted transaction unless a client is given another. */
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofMinutes(1);

    private Gateways() {}

    /**
     * A gateway builder for {@code mspId}'s {@code certificate}, signing with {@code signer} over {@code channel},
     * with {@code callTimeout} on every evaluate, endorse and submit call and {@code commitTimeout} on the commit
     * status request. Add options (e.g. a TLS client certificate hash) and {@code connect()}.
     *
     * @throws IllegalArgumentException if a timeout is zero or negative
     */
    public static Gateway.Builder builder(
            String mspId,
            X509Certificate certificate,
            Signer signer,
            Channel channel,
            Duration callTimeout,
            Duration commitTimeout) {
        Objects.requireNonNull(mspId, "mspId == null");
        Objects.requireNonNull(certificate, "certificate == null");
        Objects.requireNonNull(signer, "signer == null");
        Objects.requireNonNull(channel, "channel == null");
        long call = positiveNanos(callTimeout, "callTimeout");
        long commit = positiveNanos(commitTimeout, "commitTimeout");
        return Gateway.newInstance()
                .identity(new X509Identity(mspId, certificate))
                .signer(signer)
                .hash(FastSha256::hash)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(call, TimeUnit.NANOSECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(call, TimeUnit.NANOSECONDS))
                .submitOptions(options -> options.withDeadlineAfter(call, TimeUnit.NANOSECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(commit, TimeUnit.NANOSECONDS));
    }

    /** The timeout in nanoseconds, as {@code FairmarkClient.Builder} accepts it: positive; beyond 292 years, saturated. */
    private static long positiveNanos(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name + " == null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
