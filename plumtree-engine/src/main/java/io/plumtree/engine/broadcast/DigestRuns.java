package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage.DigestRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds a digest: the messages delivered within a window, as runs of consecutive sequences per origin. */
final class DigestRuns {

    private DigestRuns() {
    }

    /** One delivered message: its id and when it was delivered. */
    private record Delivered(NodeId origin, long sequence, long atNanos) {
    }

    /**
     * The runs of the messages in {@code cache} delivered within {@code windowNanos} before {@code now}, in
     * order of origin and sequence; of more than {@code maxRuns}, the {@code maxRuns} most recently delivered.
     */
    static List<DigestRun> of(ExpiringMap<MessageId, ?> cache, long now, long windowNanos, int maxRuns) {
        List<Delivered> recent = new ArrayList<>();
        cache.forEachLive(now, (id, at) -> {
            if (now - at <= windowNanos) {
                recent.add(new Delivered(id.origin(), id.sequence(), at));
            }
        });
        recent.sort(Comparator.comparing(Delivered::origin).thenComparingLong(Delivered::sequence));
        List<DigestRun> runs = new ArrayList<>();
        List<Long> newest = new ArrayList<>();
        int i = 0;
        while (i < recent.size()) {
            Delivered first = recent.get(i);
            long oldestAt = first.atNanos;
            long newestAt = first.atNanos;
            int j = i + 1;
            while (j < recent.size() && recent.get(j).origin.equals(first.origin)
                    && recent.get(j).sequence == recent.get(j - 1).sequence + 1) {
                oldestAt = Math.min(oldestAt, recent.get(j).atNanos);
                newestAt = Math.max(newestAt, recent.get(j).atNanos);
                j++;
            }
            long ageMillis = Math.min(Integer.MAX_VALUE, Math.max(0, (now - oldestAt) / 1_000_000));
            runs.add(new DigestRun(first.origin, first.sequence, recent.get(j - 1).sequence, (int) ageMillis));
            newest.add(newestAt);
            i = j;
        }
        if (runs.size() <= maxRuns) {
            return runs;
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingLong((Integer k) -> newest.get(k)).reversed());
        List<DigestRun> kept = new ArrayList<>(maxRuns);
        for (int k = 0; k < maxRuns; k++) {
            kept.add(runs.get(order.get(k)));
        }
        return kept;
    }
}
