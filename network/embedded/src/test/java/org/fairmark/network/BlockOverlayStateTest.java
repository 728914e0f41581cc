package org.fairmark.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairmark.simulator.MemoryStateStore;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.Version;
import org.fairmark.simulator.VersionedValue;
import org.junit.jupiter.api.Test;

class BlockOverlayStateTest {
    private static final String NS = "fairmark";

    @Test
    void range_sees_the_blocks_earlier_writes_and_deletes_over_the_committed_state() {
        MemoryStateStore committed = new MemoryStateStore();
        ReadWriteSet.Builder initial = ReadWriteSet.builder();
        for (String key : List.of("a", "b", "c", "d")) {
            initial.write(key, key.getBytes(UTF_8));
        }
        committed.commit(NS, initial.build(), new Version(1, 0), "tx1", Instant.EPOCH);
        BlockOverlayState overlay = new BlockOverlayState(committed, NS);
        ReadWriteSet inBlock = ReadWriteSet.builder().delete("b").write("bb", "x".getBytes(UTF_8)).build();

        overlay.apply(inBlock.stateUpdates(overlay, NS, new Version(2, 0)), inBlock.writtenKeys());

        assertThat(keys(overlay.range(NS, "", "", 10))).containsExactly("a", "bb", "c", "d");
        assertThat(keys(overlay.range(NS, "a", "d", 2))).containsExactly("a", "bb");
        assertThat(keys(overlay.range(NS, "b", "", 3))).containsExactly("bb", "c", "d");
        assertThat(overlay.get(NS, "b")).isNull();
        assertThat(overlay.get(NS, "bb").version()).isEqualTo(new Version(2, 0));
        assertThat(overlay.writtenKeys()).isEqualTo(Set.of("b", "bb"));
        assertThat(committed.get(NS, "b")).isNotNull();
    }

    private static List<String> keys(List<Map.Entry<String, VersionedValue>> entries) {
        return entries.stream().map(Map.Entry::getKey).toList();
    }
}
