package org.fairmark.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairmark.domain.ErrorCode;

/**
 * The gRPC channels of one client and the clients derived from it ({@code withIdentity}): either one channel for
 * every identity (an endpoint or a given channel), or, with a {@link ConnectionProfile}, one channel per organization's
 * gateway, opened when an identity of that organization first connects and shared by organizations with the same
 * endpoint and TLS settings.
 */
final class GatewayChannels {
    static final int MAX_INBOUND_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final Channel single;
    private final byte[] tlsClientCertificateHash;
    private final ConnectionProfile profile;
    private final List<Opened> opened = new ArrayList<>();
    private final List<ManagedChannel> owned = new ArrayList<>();
    private boolean closed;

    /** A channel opened for one or more organizations of a profile. */
    private record Opened(ConnectionProfile.GatewayEndpoint gateway, ManagedChannel channel) {}

    private GatewayChannels(Channel single, ManagedChannel owned, byte[] tlsHash, ConnectionProfile profile) {
        this.single = single;
        this.tlsClientCertificateHash = tlsHash;
        this.profile = profile;
        if (owned != null) {
            this.owned.add(owned);
        }
    }

    /** One channel for every identity; {@code owned} (may be null) is shut down on {@link #close()}. */
    static GatewayChannels single(Channel channel, ManagedChannel owned, byte[] tlsClientCertificateHash) {
        return new GatewayChannels(channel, owned, tlsClientCertificateHash, null);
    }

    /** A channel per organization of {@code profile}, opened on first use. */
    static GatewayChannels profile(ConnectionProfile profile) {
        return new GatewayChannels(null, null, null, profile);
    }

    /** The profile, when the channels come from one. */
    ConnectionProfile connectionProfile() {
        return profile;
    }

    /** The mutual-TLS client certificate hash for the gateway, or null. */
    byte[] tlsClientCertificateHash() {
        return tlsClientCertificateHash;
    }

    /**
     * The channel to {@code mspId}'s gateway.
     *
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} when a profile has no gateway for the org,
     *     {@link ErrorCode#INVALID_ARGUMENT} when its TLS settings cannot be used
     */
    synchronized Channel channelFor(String mspId) {
        if (closed) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "the client is closed");
        }
        if (profile == null) {
            return single;
        }
        ConnectionProfile.GatewayEndpoint gateway = profile.gateway(mspId);
        for (Opened existing : opened) {
            if (existing.gateway().sameConnection(gateway)) {
                return existing.channel();
            }
        }
        ManagedChannel channel = open(gateway);
        opened.add(new Opened(gateway, channel));
        owned.add(channel);
        return channel;
    }

    /** Shuts down the channels opened here. Idempotent. */
    void close() {
        List<ManagedChannel> channels;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            channels = List.copyOf(owned);
        }
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * An interceptor that replaces the bare description of a call that failed in the transport ({@code io exception},
     * {@code Network closed for unknown reason}) with {@link Errors#transportFailure}'s explanation: which TLS
     * certificate or host name did not match, or that one side speaks TLS and the other plaintext.
     *
     * @param tls whether the channel uses TLS
     * @param address the gateway's {@code host:port} as configured
     */
    static ClientInterceptor transportExplainer(boolean tls, String address) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                String explained = Errors.transportFailure(status, tls, address);
                                super.onClose(explained == null ? status : status.withDescription(explained),
                                        trailers);
                            }
                        }, headers);
                    }
                };
            }
        };
    }

    /** A channel to a profile's gateway: plaintext, or TLS trusting its CA certificates (else the JVM's trust store). */
    static ManagedChannel open(ConnectionProfile.GatewayEndpoint gateway) {
        ChannelCredentials credentials;
        if (!gateway.tls()) {
            credentials = InsecureChannelCredentials.create();
        } else {
            TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
            if (gateway.tlsCaCertificatesPem().isPresent()) {
                try {
                    tls.trustManager(new ByteArrayInputStream(
                            gateway.tlsCaCertificatesPem().get().getBytes(StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    throw new FairmarkException(ErrorCode.INVALID_ARGUMENT, "cannot use the TLS CA certificates of "
                            + gateway.mspId() + ": " + e.getMessage(), FairmarkException.Stage.CONNECT, null, null, false, e);
                }
            }
            credentials = tls.build();
        }
        String host = gateway.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        ManagedChannelBuilder<?> channel = Grpc.newChannelBuilderForAddress(host, gateway.port(), credentials)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .intercept(transportExplainer(gateway.tls(), gateway.endpoint()));
        gateway.serverNameOverride().ifPresent(channel::overrideAuthority);
        return channel.build();
    }
}
