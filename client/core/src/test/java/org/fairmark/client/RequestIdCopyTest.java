package org.fairmark.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import org.junit.jupiter.api.Test;

/** A write gets its request id by a record copy, with the bytes the earlier JSON round trip wrote. */
class RequestIdCopyTest {
    static final List<Requests.Write> WRITES = List.of(
            new Requests.RegisterBatch(null, "06901234567892", "L1", "chestnut", "Yanshan 早丰",
                    new Origin("130227", "Xingcheng", "Dongzhuang", null, new GeoPoint(40_123_456L, 118_654_321L)),
                    "2026-09-20", 100_000L, null, List.of("PackerMSP"), List.of("a".repeat(64))),
            new Requests.Pack(null, "06901234567892", "L1", "2026-10-08", "0".repeat(32),
                    List.of(new Requests.PackageSpec("S1", null, 500L, "FIRST"))),
            new Requests.RecordReceipt(null, "scale-01", null,
                    List.of(new Requests.Weighing("06901234567892", "L1", "S1", 4_990L))),
            new Requests.OpenDispute(null, DisputeType.SHORT_WEIGHT, "06901234567892", "L1", List.of("S1"), "R-1",
                    "short \"by\" 30 g", List.of()),
            new Requests.ResolveDispute(null, "D-" + "0".repeat(24), DisputeOutcome.UPHELD, Remedy.PARTIAL_REFUND, 300L,
                    "weighed short", RulingOrder.NONE, null),
            new Requests.SetScanPolicy(null, 50L, null),
            new Requests.TakeDispute(null, "D-" + "0".repeat(24)));

    /** What {@code Transactions} and the outbox did before: the request as a JSON tree, the id put, canonicalized. */
    static byte[] roundTrip(Object request, String requestId) {
        ObjectNode tree = (ObjectNode) Json.MAPPER.valueToTree(request);
        tree.put("requestId", requestId);
        return CanonicalJson.canonicalize(tree.toString()).getBytes(UTF_8);
    }

    @Test
    void the_copy_writes_the_same_bytes_as_the_json_round_trip() {
        for (Requests.Write write : WRITES) {
            Requests.Write copy = Requests.withRequestId(write, "req-0001-abcd");
            assertThat(copy.requestId()).isEqualTo("req-0001-abcd");
            assertThat(copy.getClass()).isEqualTo(write.getClass());
            assertThat(new String(Json.request(copy), UTF_8)).as(write.getClass().getSimpleName())
                    .isEqualTo(new String(roundTrip(write, "req-0001-abcd"), UTF_8));
            assertThat(Requests.withRequestId(copy, null)).isEqualTo(write);
        }
    }

    @Test
    void copies_of_interleaved_types_keep_each_types_fields() {
        for (int round = 0; round < 3; round++) {
            for (Requests.Write write : WRITES) {
                String id = "req-" + round + "-" + write.getClass().getSimpleName();
                Requests.Write copy = Requests.withRequestId(write, id);
                assertThat(copy.requestId()).isEqualTo(id);
                assertThat(Requests.withRequestId(copy, null)).isEqualTo(write);
            }
        }
    }

    /** A write that is not a record. */
    static final class NotARecord implements Requests.Write {
        @Override
        public String requestId() {
            return "x";
        }
    }

    /** A record write whose id is not a component. */
    public record NoIdComponent(String id) implements Requests.Write {
        @Override
        public String requestId() {
            return id;
        }
    }

    /** A record write whose constructor refuses some ids. */
    public record Picky(String requestId, String lot) implements Requests.Write {
        public Picky {
            if ("refused".equals(requestId)) {
                throw new IllegalStateException("refused id");
            }
        }
    }

    @Test
    void refuses_what_it_cannot_copy_with_a_clear_message_every_time() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> Requests.withRequestId(new NotARecord(), "r"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NotARecord is not a record");
            assertThatThrownBy(() -> Requests.withRequestId(new NoIdComponent("a"), "r"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NoIdComponent has no requestId component");
        }
        assertThat(Requests.withRequestId(new Picky(null, "L1"), "fine")).isEqualTo(new Picky("fine", "L1"));
        assertThatThrownBy(() -> Requests.withRequestId(new Picky(null, "L1"), "refused"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot copy")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }
}
