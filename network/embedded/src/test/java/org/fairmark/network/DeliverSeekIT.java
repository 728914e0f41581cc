package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fairmark.devca.Identity;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seek positions and behaviours of the Deliver service with signed envelopes built as Fabric's tools build them
 * ({@code peer channel fetch}, explorers): stop positions end with SUCCESS, FAIL_IF_NOT_READY ends with NOT_FOUND,
 * malformed requests with BAD_REQUEST, and one stream serves requests one after the other.
 */
class DeliverSeekIT {
    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static ManagedChannel grpc;
    static Identity auditor;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(-1)
                .blockSize(1)
                .blockTimeout(Duration.ofMillis(20))
                .start();
        auditor = network.wallet().get(EmbeddedNetwork.AUDITOR);
        try (var gateway = Clients.connect(network.inProcessChannel(), network.wallet().get(EmbeddedNetwork.PRODUCER))) {
            var contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            for (int i = 0; i < 3; i++) {
                contract.submitTransaction("batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot()));
            }
        }
        grpc = network.inProcessChannel();
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void oldest_to_a_specified_block_sends_those_blocks_then_success() throws Exception {
        List<DeliverResponse> responses = deliver(signed(seek(oldest(), specified(2), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)));

        assertThat(blockNumbers(responses)).containsExactly(0L, 1L, 2L);
        assertThat(responses.get(responses.size() - 1).getStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void newest_to_newest_sends_the_last_block_only() throws Exception {
        long last = network.height() - 1;
        List<DeliverResponse> responses = deliver(signed(seek(newest(), newest(), SeekInfo.SeekBehavior.FAIL_IF_NOT_READY)));

        assertThat(blockNumbers(responses)).containsExactly(last);
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void fail_if_not_ready_ends_with_not_found_at_the_ledger_height() throws Exception {
        long height = network.height();
        List<DeliverResponse> responses = deliver(
                signed(seek(specified(height - 1), specified(height + 5), SeekInfo.SeekBehavior.FAIL_IF_NOT_READY)));

        assertThat(blockNumbers(responses)).containsExactly(height - 1);
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void a_start_after_the_stop_or_a_missing_stop_is_a_bad_request() throws Exception {
        List<DeliverResponse> reversed =
                deliver(signed(seek(specified(2), specified(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)));
        List<DeliverResponse> noStop = deliver(signed(SeekInfo.newBuilder().setStart(oldest()).build()));
        List<DeliverResponse> garbage =
                deliver(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("not a payload")).build());

        assertThat(reversed).extracting(DeliverResponse::getStatus).containsExactly(Status.BAD_REQUEST);
        assertThat(noStop).extracting(DeliverResponse::getStatus).containsExactly(Status.BAD_REQUEST);
        assertThat(garbage).extracting(DeliverResponse::getStatus).containsExactly(Status.BAD_REQUEST);
    }

    @Test
    void an_envelope_from_long_ago_is_a_bad_request() throws Exception {
        Envelope stale = signed(
                seek(oldest(), oldest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), Instant.now().minusSeconds(3600));

        assertThat(deliver(stale)).extracting(DeliverResponse::getStatus).containsExactly(Status.BAD_REQUEST);
    }

    @Test
    void one_stream_serves_its_requests_in_order() throws Exception {
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(grpc).deliverFiltered(collector(received));
        requests.onNext(signed(seek(specified(1), specified(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)));
        requests.onNext(signed(seek(oldest(), oldest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)));
        requests.onCompleted();

        List<Object> all = drain(received);
        assertThat(all).hasSize(5);
        assertThat(((DeliverResponse) all.get(0)).getFilteredBlock().getNumber()).isEqualTo(1);
        assertThat(((DeliverResponse) all.get(1)).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(((DeliverResponse) all.get(2)).getFilteredBlock().getNumber()).isEqualTo(0);
        assertThat(((DeliverResponse) all.get(2)).getFilteredBlock().getFilteredTransactions(0).getType())
                .isEqualTo(HeaderType.CONFIG);
        assertThat(((DeliverResponse) all.get(3)).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(all.get(4)).isEqualTo("completed");
    }

    private static List<DeliverResponse> deliver(Envelope request) throws Exception {
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = DeliverGrpc.newStub(grpc).deliver(collector(received));
        requests.onNext(request);
        requests.onCompleted();
        List<DeliverResponse> responses = new ArrayList<>();
        for (Object item : drain(received)) {
            if (item instanceof DeliverResponse response) {
                responses.add(response);
            } else {
                assertThat(item).isEqualTo("completed");
            }
        }
        return responses;
    }

    private static List<Object> drain(LinkedBlockingQueue<Object> received) throws InterruptedException {
        List<Object> all = new ArrayList<>();
        while (true) {
            Object item = received.poll(30, TimeUnit.SECONDS);
            assertThat(item).as("the stream ends").isNotNull();
            all.add(item);
            if (!(item instanceof DeliverResponse)) {
                return all;
            }
        }
    }

    private static StreamObserver<DeliverResponse> collector(LinkedBlockingQueue<Object> received) {
        return new StreamObserver<>() {
            @Override
            public void onNext(DeliverResponse value) {
                received.add(value);
            }

            @Override
            public void onError(Throwable t) {
                received.add(t);
            }

            @Override
            public void onCompleted() {
                received.add("completed");
            }
        };
    }

    private static List<Long> blockNumbers(List<DeliverResponse> responses) {
        return responses.stream()
                .filter(DeliverResponse::hasBlock)
                .map(response -> response.getBlock().getHeader().getNumber())
                .toList();
    }

    private static SeekInfo seek(SeekPosition start, SeekPosition stop, SeekInfo.SeekBehavior behavior) {
        return SeekInfo.newBuilder().setStart(start).setStop(stop).setBehavior(behavior).build();
    }

    private static SeekPosition oldest() {
        return SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build();
    }

    private static SeekPosition newest() {
        return SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
    }

    private static SeekPosition specified(long number) {
        return SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number)).build();
    }

    private static Envelope signed(SeekInfo seekInfo) throws Exception {
        return signed(seekInfo, Instant.now());
    }

    /** A DELIVER_SEEK_INFO envelope signed by the auditor, as {@code protoutil.CreateSignedEnvelope} makes it. */
    private static Envelope signed(SeekInfo seekInfo, Instant time) throws Exception {
        byte[] nonce = new byte[24];
        new SecureRandom().nextBytes(nonce);
        ByteString creator = ByteString.copyFrom(auditor.serialized());
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                                .setChannelId(network.channelName())
                                .setTimestamp(Timestamp.newBuilder().setSeconds(time.getEpochSecond()))
                                .build()
                                .toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(creator)
                                .setNonce(ByteString.copyFrom(nonce))
                                .build()
                                .toByteString()))
                .setData(seekInfo.toByteString())
                .build();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.toByteArray());
        byte[] signature = Signers.newPrivateKeySigner(auditor.privateKey()).sign(digest);
        return Envelope.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(signature))
                .build();
    }
}
