package org.fairmark.client;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;

/**
 * A Fabric Gateway service in front of a real one (the embedded network) that answers one chosen step
 * (Evaluate, Endorse, Submit or CommitStatus) with a chosen gRPC status, as a peer that fails or goes away would.
 * Reachable in-process ({@link #channel()}) and on a loopback TCP port ({@link #address()}, for the CLI's
 * {@code --gateway}); shared with the CLI's tests through this module's test-jar.
 */
public final class FaultyGateway extends GatewayGrpc.GatewayImplBase implements AutoCloseable {
    /** The step that fails. */
    public enum Step { EVALUATE, ENDORSE, SUBMIT, COMMIT_STATUS }

    private final GatewayGrpc.GatewayBlockingStub upstream;
    private final Server server;
    private final Server tcpServer;
    private final ManagedChannel channel;
    private volatile Step failing;
    private volatile Status status;

    public FaultyGateway(Channel upstream) throws IOException {
        this.upstream = GatewayGrpc.newBlockingStub(upstream);
        String name = "faulty-gateway-" + UUID.randomUUID();
        this.server = InProcessServerBuilder.forName(name).addService(this).build().start();
        this.tcpServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build()
                .start();
        this.channel = InProcessChannelBuilder.forName(name).build();
    }

    /** The in-process channel clients connect to. */
    public Channel channel() {
        return channel;
    }

    /** {@code 127.0.0.1:PORT} for {@code --gateway}. */
    public String address() {
        return "127.0.0.1:" + tcpServer.getPort();
    }

    /** From now on, answers {@code step} with {@code status}; null passes everything through. */
    public void fail(Step step, Status status) {
        this.failing = step;
        this.status = status;
    }

    private boolean failed(Step step, StreamObserver<?> responses) {
        if (failing == step) {
            responses.onError(status.asRuntimeException());
            return true;
        }
        return false;
    }

    private static <T> void forward(StreamObserver<T> responses, java.util.function.Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
        if (!failed(Step.EVALUATE, responses)) {
            forward(responses, () -> upstream.evaluate(request));
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
        if (!failed(Step.ENDORSE, responses)) {
            forward(responses, () -> upstream.endorse(request));
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
        if (!failed(Step.SUBMIT, responses)) {
            forward(responses, () -> upstream.submit(request));
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> responses) {
        if (!failed(Step.COMMIT_STATUS, responses)) {
            forward(responses, () -> upstream.commitStatus(request));
        }
    }

    /** Event streams answer {@code status}, or end at once (a gateway shutting down) when it is null. */
    public void failEvents(Status status) {
        this.eventsStatus = status;
    }

    private volatile Status eventsStatus;

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> responses) {
        Status events = eventsStatus;
        if (events == null) {
            responses.onCompleted();
        } else {
            responses.onError(events.asRuntimeException());
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        tcpServer.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
            tcpServer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
