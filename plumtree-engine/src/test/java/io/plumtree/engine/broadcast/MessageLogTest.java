package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log: what it remembers and caches, by count, bytes and age, checked against a plain model. */
class MessageLogTest {

    private static final long MS = 1_000_000L;
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");

    private static MessageId id(NodeId origin, long seq) {
        return new MessageId(origin, seq);
    }

    @Test
    void remembersByCountAndCachesTheNewestByCountAndBytes() {
        MessageLog log = new MessageLog(1_000 * MS, 5, 1_000 * MS, 3, 25);
        for (long seq = 1; seq <= 8; seq++) {
            log.add(id(A, seq), (int) seq, B, new byte[10], seq * MS);
        }
        assertThat(log.size()).isEqualTo(5);
        for (long seq = 1; seq <= 8; seq++) {
            long p = log.find(id(A, seq), 9 * MS);
            assertThat(p >= 0).as("seq %d remembered", seq).isEqualTo(seq >= 4);
            if (p >= 0) {
                assertThat(log.hops(p)).isEqualTo((int) seq);
                assertThat(log.parent(p)).isEqualTo(B);
                assertThat(log.payload(p, 9 * MS) != null).as("seq %d cached (25 bytes: two of ten)", seq)
                        .isEqualTo(seq >= 7);
            }
        }
        assertThat(log.cachedCount()).isEqualTo(2);
        assertThat(log.cachedBytes()).isEqualTo(20);
        assertThat(log.evicted()).isEqualTo(6);
    }

    @Test
    void forgetsByAgeWithTheirOwnLifetimes() {
        MessageLog log = new MessageLog(100 * MS, 1_000, 50 * MS, 1_000, 1 << 20);
        log.add(id(A, 1), 1, null, new byte[]{1}, 0);
        log.add(id(B, 1), 2, A, new byte[]{2}, 30 * MS);
        long a = log.find(id(A, 1), 49 * MS);
        assertThat(log.payload(a, 49 * MS)).containsExactly(1);
        assertThat(log.payload(a, 50 * MS)).as("the cache's lifetime").isNull();
        assertThat(log.contains(id(A, 1), 99 * MS)).isTrue();
        assertThat(log.contains(id(A, 1), 100 * MS)).as("the seen set's lifetime").isFalse();
        log.expire(100 * MS);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.cachedCount()).isZero();
        assertThat(log.contains(id(B, 1), 100 * MS)).isTrue();
    }

    @Test
    void aPayloadLargerThanTheByteBoundIsStillCachedAlone() {
        MessageLog log = new MessageLog(1_000 * MS, 10, 1_000 * MS, 10, 4);
        log.add(id(A, 1), 1, null, new byte[3], 0);
        log.add(id(A, 2), 1, null, new byte[9], 0);
        assertThat(log.payload(log.find(id(A, 2), 0), 0)).hasSize(9);
        assertThat(log.payload(log.find(id(A, 1), 0), 0)).isNull();
    }

    @Test
    void reparentChangesWhatIsRecorded() {
        MessageLog log = new MessageLog(1_000 * MS, 10, 1_000 * MS, 10, 100);
        log.add(id(A, 1), 5, B, new byte[1], 0);
        long p = log.find(id(A, 1), 0);
        log.reparent(p, A, 2);
        assertThat(log.parent(log.find(id(A, 1), 0))).isEqualTo(A);
        assertThat(log.hops(log.find(id(A, 1), 0))).isEqualTo(2);
    }

    @Test
    void listsTheCachedEntriesOldestFirst() {
        MessageLog log = new MessageLog(1_000 * MS, 10, 1_000 * MS, 3, 100);
        log.add(id(A, 1), 1, null, new byte[1], 1);
        log.add(id(B, 7), 1, null, new byte[1], 2);
        log.add(id(A, 2), 1, null, new byte[1], 3);
        log.add(id(B, 8), 1, null, new byte[1], 4);
        List<String> seen = new ArrayList<>();
        log.forEachCached(5, (origin, seq, at) -> seen.add(origin + "#" + seq + "@" + at));
        assertThat(seen).containsExactly("b#7@2", "a#2@3", "b#8@4");
    }

    @Test
    void agreesWithAPlainModelThroughGrowthAndEviction() {
        SplittableRandom random = new SplittableRandom(3);
        int maxSeen = 3_000;
        int maxCached = 700;
        long maxBytes = 20_000;
        MessageLog log = new MessageLog(2_000 * MS, maxSeen, 1_000 * MS, maxCached, maxBytes);
        Map<MessageId, long[]> model = new LinkedHashMap<>(); // id -> {time, bytes}
        NodeId[] origins = {A, B, NodeId.of("c"), NodeId.of("d")};
        long[] next = {1, 1, 1, 1};
        long now = 0;
        for (int step = 0; step < 50_000; step++) {
            now += random.nextInt(100_000);
            int o = random.nextInt(origins.length);
            next[o] += random.nextInt(10) == 0 ? 1 + random.nextInt(5_000) : 1; // mostly a stream, sometimes a gap
            MessageId id = id(origins[o], next[o]);
            int size = 1 + random.nextInt(60);
            log.add(id, 1, null, new byte[size], now);
            model.put(id, new long[]{now, size});
            // the model: forget the oldest beyond the count and by age
            final long t = now;
            model.entrySet().removeIf(e -> e.getValue()[0] + 2_000 * MS - t <= 0);
            while (model.size() > maxSeen) {
                model.remove(model.keySet().iterator().next());
            }
            if (step % 997 == 0) {
                List<MessageId> ids = new ArrayList<>(model.keySet());
                // cached: the newest within the cache's age, count and bytes (never fewer than the newest)
                int cached = 0;
                long bytes = 0;
                for (int k = ids.size() - 1; k >= 0; k--) {
                    long[] v = model.get(ids.get(k));
                    boolean fits = v[0] + 1_000 * MS - now > 0 && cached < maxCached && bytes + v[1] <= maxBytes;
                    if (!fits && k < ids.size() - 1) {
                        break;
                    }
                    cached++;
                    bytes += v[1];
                }
                for (int k = 0; k < ids.size(); k++) {
                    long p = log.find(ids.get(k), now);
                    assertThat(p).as("step %d: %s remembered", step, ids.get(k)).isNotNegative();
                    assertThat(log.payload(p, now) != null).as("step %d: %s cached", step, ids.get(k))
                            .isEqualTo(k >= ids.size() - cached);
                }
                assertThat(log.find(id(origins[o], next[o] + 1), now)).isEqualTo(-1);
            }
        }
    }
}
