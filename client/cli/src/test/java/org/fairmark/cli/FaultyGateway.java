package org.fairmark.cli;

import io.grpc.Channel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * A Fabric Gateway service on a loopback TCP port in front of a real one (the embedded network) that answers one chosen step
 * (Evaluate, Endorse, Submit or CommitStatus) with a chosen gRPC status, as a peer that fails or goes away would.
 */
final class FaultyGateway extends GatewayGrpc.GatewayImplBase implements AutoCloseable {
    enum Step { EVALUATE, ENDORSE, SUBMIT, COMMIT_STATUS }

    private final GatewayGrpc.GatewayBlockingStub upstream;
    private final Server server;
    private volatile Step failing;
    private volatile Status status;

    FaultyGateway(Channel upstream) throws IOException {
        this.upstream = GatewayGrpc.newBlockingStub(upstream);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
    }

    /** {@code 127.0.0.1:PORT} for {@code --gateway}. */
    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** From now on, answers {@code step} with {@code status}; null passes everything through. */
    void fail(Step step, Status status) {
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

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> responses) {
        responses.onError(Status.UNIMPLEMENTED.withDescription("not forwarded").asRuntimeException());
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
