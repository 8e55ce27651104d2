package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage.DigestRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DigestRunsTest {

    private static final long MS = 1_000_000L;
    private static final long TTL = 60_000 * MS;

    @Test
    void runsOfConsecutiveSequencesPerOriginWithTheAgeOfTheirOldestMessage() {
        MessageLog cache = new MessageLog(TTL, 1_000, TTL, 1_000, 1_000_000);
        NodeId a = NodeId.of("a");
        NodeId b = NodeId.of("b");
        cache.add(new MessageId(b, 7), 1, null, new byte[1], 0);
        cache.add(new MessageId(a, 2), 1, null, new byte[1], 100 * MS);
        cache.add(new MessageId(a, 1), 1, null, new byte[1], 200 * MS);
        cache.add(new MessageId(a, 3), 1, null, new byte[1], 300 * MS);
        cache.add(new MessageId(a, 5), 1, null, new byte[1], 400 * MS);
        cache.add(new MessageId(b, 8), 1, null, new byte[1], 500 * MS);

        assertThat(DigestRuns.of(cache, 1_000 * MS, 950 * MS, 10)).containsExactly(
                new DigestRun(a, 1, 3, 900), new DigestRun(a, 5, 5, 600), new DigestRun(b, 8, 8, 500));
        assertThat(DigestRuns.of(cache, 1_000 * MS, 950 * MS, 2)).as("the two delivered most recently")
                .containsExactly(new DigestRun(b, 8, 8, 500), new DigestRun(a, 5, 5, 600));
    }

    @Test
    void matchesSortingEveryMessageForRandomDeliveries() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            MessageLog cache = new MessageLog(TTL, 100_000, TTL, 100_000, 100_000_000);
            Set<MessageId> added = new HashSet<>();
            List<NodeId> origins = List.of(NodeId.of("x"), NodeId.of("m"), NodeId.of("c"));
            long now = 0;
            for (int i = 0; i < 300; i++) {
                now += random.nextLong(5 * MS);
                NodeId o = origins.get(random.nextInt(origins.size()));
                MessageId id = new MessageId(o, 1 + random.nextInt(200));
                if (added.add(id)) {
                    cache.add(id, 1, null, new byte[1], now);
                }
            }
            long window = random.nextLong(now + 1);
            int maxRuns = 1 + random.nextInt(80);
            assertThat(DigestRuns.of(cache, now, window, maxRuns)).as("round %d", round)
                    .isEqualTo(sortingEverything(cache, now, window, maxRuns));
        }
    }

    /** The obvious way: every message in the window sorted by origin and sequence, then cut into runs. */
    private static List<DigestRun> sortingEverything(MessageLog cache, long now, long window,
                                                     int maxRuns) {
        record Seen(MessageId id, long at) {
        }
        List<Seen> seen = new ArrayList<>();
        cache.forEachCached(now, (origin, sequence, at) -> {
            if (now - at <= window) {
                seen.add(new Seen(new MessageId(origin, sequence), at));
            }
        });
        seen.sort(Comparator.comparing((Seen s) -> s.id.origin()).thenComparingLong(s -> s.id.sequence()));
        List<DigestRun> runs = new ArrayList<>();
        List<long[]> newest = new ArrayList<>();
        for (int i = 0; i < seen.size(); ) {
            int j = i + 1;
            long oldest = seen.get(i).at;
            long latest = seen.get(i).at;
            while (j < seen.size() && seen.get(j).id.origin().equals(seen.get(i).id.origin())
                    && seen.get(j).id.sequence() == seen.get(j - 1).id.sequence() + 1) {
                oldest = Math.min(oldest, seen.get(j).at);
                latest = Math.max(latest, seen.get(j).at);
                j++;
            }
            runs.add(new DigestRun(seen.get(i).id.origin(), seen.get(i).id.sequence(), seen.get(j - 1).id.sequence(),
                    (int) ((now - oldest) / MS)));
            newest.add(new long[] {latest, runs.size() - 1});
            i = j;
        }
        if (runs.size() <= maxRuns) {
            return runs;
        }
        newest.sort(Comparator.comparingLong((long[] n) -> n[0]).reversed());
        List<DigestRun> kept = new ArrayList<>();
        for (int k = 0; k < maxRuns; k++) {
            kept.add(runs.get((int) newest.get(k)[1]));
        }
        return kept;
    }
}
