package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemoryStateStoreTest {
    private static final String NS = "kv";
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private final MemoryStateStore store = new MemoryStateStore();

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private Version commit(long block, ReadWriteSet rwset) {
        Version version = new Version(block, 0);
        store.commit(NS, rwset, version, "tx" + block, T0.plusSeconds(block));
        return version;
    }

    private static RangeQueryInfo.Read read(String key, Version version) {
        return new RangeQueryInfo.Read(key, version);
    }

    private Version put(long block, String key, String value) {
        return commit(block, ReadWriteSet.builder().write(key, bytes(value)).build());
    }

    @Nested
    class Commit {
        @Test
        void writes_values_at_the_commit_version_and_deletes() {
            Version v1 = put(1, "a", "1");
            put(2, "b", "2");
            commit(3, ReadWriteSet.builder().delete("b").build());

            assertThat(store.get(NS, "a")).isEqualTo(new VersionedValue(bytes("1"), null, v1));
            assertThat(store.get(NS, "b")).isNull();
            assertThat(store.get("other", "a")).as("namespaces are separate").isNull();
        }

        @Test
        void keeps_the_validation_parameter_when_only_the_value_changes() {
            commit(1, ReadWriteSet.builder().write("a", bytes("1")).metadataWrite("a", bytes("policy")).build());
            Version v2 = put(2, "a", "2");

            assertThat(store.get(NS, "a")).isEqualTo(new VersionedValue(bytes("2"), bytes("policy"), v2));
        }

        @Test
        void changing_only_the_validation_parameter_keeps_the_value_and_bumps_the_version() {
            put(1, "a", "1");
            Version v2 = commit(2, ReadWriteSet.builder().metadataWrite("a", bytes("policy")).build());

            assertThat(store.get(NS, "a")).isEqualTo(new VersionedValue(bytes("1"), bytes("policy"), v2));
            assertThat(store.history(NS, "a")).as("metadata is not history").hasSize(1);
        }

        @Test
        void a_validation_parameter_for_an_absent_key_does_nothing() {
            commit(1, ReadWriteSet.builder().metadataWrite("ghost", bytes("policy")).build());

            assertThat(store.get(NS, "ghost")).isNull();
        }

        @Test
        void a_delete_removes_the_validation_parameter_too() {
            commit(1, ReadWriteSet.builder().write("a", bytes("1")).metadataWrite("a", bytes("policy")).build());
            commit(2, ReadWriteSet.builder().delete("a").build());
            Version v3 = put(3, "a", "again");

            assertThat(store.get(NS, "a")).isEqualTo(new VersionedValue(bytes("again"), null, v3));
        }
    }

    @Nested
    class History {
        @Test
        void lists_writes_and_deletes_newest_first() {
            put(1, "a", "1");
            put(2, "a", "2");
            commit(3, ReadWriteSet.builder().delete("a").build());
            put(4, "a", "4");

            assertThat(store.history(NS, "a"))
                    .containsExactly(
                            new KeyModificationRecord("tx4", T0.plusSeconds(4), bytes("4"), false),
                            new KeyModificationRecord("tx3", T0.plusSeconds(3), new byte[0], true),
                            new KeyModificationRecord("tx2", T0.plusSeconds(2), bytes("2"), false),
                            new KeyModificationRecord("tx1", T0.plusSeconds(1), bytes("1"), false));
            assertThat(store.history(NS, "never")).isEmpty();
        }
    }

    @Nested
    class Range {
        @Test
        void returns_half_open_ranges_in_utf8_order_up_to_the_limit() {
            String apple = "k\uD83C\uDF4E";
            String replacement = "k\uFFFD";
            put(1, apple, "apple");
            put(2, replacement, "replacement");
            put(3, "ka", "a");
            put(4, "l", "l");

            assertThat(keys(store.range(NS, "k", "l", 10))).containsExactly("ka", replacement, apple);
            assertThat(keys(store.range(NS, "k", "", 10))).containsExactly("ka", replacement, apple, "l");
            assertThat(keys(store.range(NS, "", "", 2))).containsExactly("ka", replacement);
            assertThat(keys(store.range(NS, "l", "k", 10))).as("start after end").isEmpty();
            assertThat(keys(store.range(NS, "ka", "ka", 10))).isEmpty();
        }

        private List<String> keys(List<Map.Entry<String, VersionedValue>> entries) {
            return entries.stream().map(Map.Entry::getKey).toList();
        }
    }

    @Nested
    class Mvcc {
        @Test
        void a_read_of_the_committed_version_is_valid() {
            Version v1 = put(1, "a", "1");
            ReadWriteSet rwset = ReadWriteSet.builder().read("a", v1).read("absent", null).build();

            assertThat(store.isValid(NS, rwset)).isTrue();
        }

        @Test
        void a_stale_read_is_invalid() {
            Version v1 = put(1, "a", "1");
            ReadWriteSet rwset = ReadWriteSet.builder().read("a", v1).write("b", bytes("x")).build();
            put(2, "a", "2");

            assertThat(store.isValid(NS, rwset)).isFalse();
            assertThat(org.fairmark.simulator.Mvcc.findConflict(store, NS, rwset))
                    .hasValue("read conflict on key [a]: read version 1:0, committed version 2:0");
            assertThat(store.commitIfValid(NS, rwset, new Version(3, 0), "tx3", T0)).isFalse();
            assertThat(store.get(NS, "b")).as("nothing committed").isNull();
        }

        @Test
        void a_key_read_as_absent_and_created_since_is_invalid() {
            ReadWriteSet rwset = ReadWriteSet.builder().read("a", null).build();
            put(1, "a", "1");

            assertThat(store.isValid(NS, rwset)).isFalse();
        }

        @Test
        void an_unrelated_write_leaves_it_valid() {
            Version v1 = put(1, "a", "1");
            ReadWriteSet rwset = ReadWriteSet.builder()
                    .read("a", v1)
                    .rangeQuery(new RangeQueryInfo("a", "b", true, List.of(new RangeQueryInfo.Read("a", v1))))
                    .build();
            put(2, "z", "unrelated");

            assertThat(store.isValid(NS, rwset)).isTrue();
        }

        @Test
        void a_phantom_in_an_exhausted_range_is_invalid() {
            Version v1 = put(1, "a1", "1");
            ReadWriteSet rwset = ReadWriteSet.builder()
                    .rangeQuery(new RangeQueryInfo("a", "b", true, List.of(new RangeQueryInfo.Read("a1", v1))))
                    .build();
            put(2, "a2", "phantom");

            assertThat(org.fairmark.simulator.Mvcc.findConflict(store, NS, rwset))
                    .hasValueSatisfying(
                            reason -> assertThat(reason).startsWith("phantom read conflict in range [a, b)"));
        }

        @Test
        void a_deleted_or_updated_key_in_a_range_is_invalid() {
            Version v1 = put(1, "a1", "1");
            ReadWriteSet rwset = ReadWriteSet.builder()
                    .rangeQuery(new RangeQueryInfo("a", "b", true, List.of(new RangeQueryInfo.Read("a1", v1))))
                    .build();

            MemoryStateStore updated = new MemoryStateStore();
            updated.commit(NS, ReadWriteSet.builder().write("a1", bytes("1")).build(), v1, "tx1", T0);
            updated.commit(
                    NS, ReadWriteSet.builder().write("a1", bytes("2")).build(), new Version(2, 0), "tx2", T0);
            commit(2, ReadWriteSet.builder().delete("a1").build());

            assertThat(store.isValid(NS, rwset)).as("deleted").isFalse();
            assertThat(updated.isValid(NS, rwset)).as("updated").isFalse();
        }

        @Test
        void an_empty_range_that_gains_a_key_is_invalid() {
            ReadWriteSet rwset = ReadWriteSet.builder()
                    .rangeQuery(new RangeQueryInfo("a", "b", true, List.of()))
                    .build();
            assertThat(store.isValid(NS, rwset)).isTrue();

            put(1, "a5", "phantom");

            assertThat(store.isValid(NS, rwset)).isFalse();
        }

        @Test
        void an_unexhausted_range_is_checked_only_up_to_the_last_key_read() {
            Version v1 = put(1, "a1", "1");
            Version v2 = put(2, "a3", "3");
            ReadWriteSet rwset = ReadWriteSet.builder()
                    .rangeQuery(new RangeQueryInfo("a", "a3", false, List.of(read("a1", v1), read("a3", v2))))
                    .build();

            put(3, "a4", "after the last key read");
            assertThat(store.isValid(NS, rwset)).isTrue();

            put(4, "a3", "last key read changed");
            assertThat(store.isValid(NS, rwset)).isFalse();
        }

        @Test
        void an_unexhausted_range_sees_a_phantom_before_the_last_key_read() {
            Version v1 = put(1, "a1", "1");
            Version v2 = put(2, "a3", "3");
            ReadWriteSet rwset = ReadWriteSet.builder()
                    .rangeQuery(new RangeQueryInfo("a", "a3", false, List.of(read("a1", v1), read("a3", v2))))
                    .build();

            put(3, "a2", "phantom");

            assertThat(store.isValid(NS, rwset)).isFalse();
        }

        @Test
        void a_read_of_a_key_written_earlier_in_the_block_is_invalid_even_with_equal_versions() {
            ReadWriteSet rwset = ReadWriteSet.builder().read("ghost", null).build();

            assertThat(org.fairmark.simulator.Mvcc.findConflict(store, NS, rwset, Set.of("ghost"))).isPresent();
            assertThat(org.fairmark.simulator.Mvcc.findConflict(store, NS, rwset, Set.of("other"))).isEmpty();
        }
    }

    @Nested
    class ExportAndRestore {
        @Test
        void a_restored_store_answers_every_read_as_the_exported_one() throws Exception {
            put(1, "a", "one");
            put(2, "a", "two");
            put(3, "b", "three");
            commit(4, ReadWriteSet.builder().delete("b").build());
            commit(5, ReadWriteSet.builder().metadataWrite("a", bytes("policy")).build());
            store.commit("other", ReadWriteSet.builder().write("z", bytes("zed")).build(), new Version(6, 1), "tx6",
                    T0);

            MemoryStateStore restored = new MemoryStateStore();
            List<String> order = new java.util.ArrayList<>();
            store.export(new MemoryStateStore.Exporter() {
                @Override
                public void entry(String namespace, String key, VersionedValue value) {
                    order.add(namespace + "/" + key);
                    restored.restoreEntry(namespace, key, value);
                }

                @Override
                public void history(String namespace, String key, List<KeyModificationRecord> oldestFirst) {
                    restored.restoreHistory(namespace, key, oldestFirst);
                }
            });

            assertThat(order).containsExactly("kv/a", "other/z");
            for (String key : List.of("a", "b", "z")) {
                for (String namespace : List.of(NS, "other")) {
                    assertThat(restored.get(namespace, key)).isEqualTo(store.get(namespace, key));
                    assertThat(restored.history(namespace, key)).isEqualTo(store.history(namespace, key));
                }
            }
            assertThat(restored.get(NS, "a").version()).isEqualTo(new Version(5, 0));
            assertThat(restored.get(NS, "a").metadata()).isEqualTo(bytes("policy"));
            assertThat(restored.history(NS, "b")).hasSize(2).first().satisfies(record ->
                    assertThat(record.deleted()).isTrue());
            assertThat(restored.range(NS, "", "", 10)).isEqualTo(store.range(NS, "", "", 10));
        }
    }
}
