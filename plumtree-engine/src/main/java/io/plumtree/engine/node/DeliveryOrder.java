package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.ByOrigin;
import io.plumtree.engine.broadcast.PlumtreeOutput.Deliver;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Hands deliveries on in sequence order per origin, sans-IO. Plumtree delivers each message once, but not always in
 * the order its origin sent them: a message repaired by GRAFT arrives after later ones that came down the tree. This
 * holds a message whose predecessors from the same origin are missing until they arrive, or until it has waited
 * {@code waitNanos} (then the gap is skipped: the missing messages are delivered when and if they come, late). Nothing
 * is ever dropped; order is best effort within the wait.
 *
 * <p>An origin's sequence starts at the first message seen from it, or at the lowest one of its messages announced
 * here and still missing, whichever is lower: a node that joins late waits for nothing it never could have had. An
 * older message arriving afterwards is delivered at once, late. A jump of more than {@code maxHeld} (an origin that
 * restarted and numbers from a new start) starts the sequence again. Bounded: at most {@code maxHeld} messages held per origin (beyond it the gap is skipped at once) and
 * {@code maxOrigins} origins tracked (the least recently heard is forgotten, its held messages released).
 */
final class DeliveryOrder {

    /** Where released deliveries and wake-up requests go. */
    interface Sink {
        /** A delivery, in order. */
        void release(Deliver delivery);

        /** Call {@link #onTimer} for {@code origin} after {@code delayNanos}. */
        void wakeUp(NodeId origin, long delayNanos);
    }

    /** One origin's progress. */
    private static final class Stream {
        /** Sequence of the next message to release. */
        long next;
        /** Messages waiting for their predecessors, by sequence, with the time they started waiting. */
        final TreeMap<Long, Held> held = new TreeMap<>();
        /** Whether a wake-up is scheduled. */
        boolean wakeUpPending;
    }

    private record Held(Deliver delivery, long sinceNanos) {
    }

    private final long waitNanos;
    private final int maxHeld;
    private final int maxOrigins;
    /** Streams by origin, least recently heard first. */
    private final ByOrigin<Stream> streams = new ByOrigin<>(true);

    /** Messages released after a later one of the same origin. */
    private long late;
    /** Gaps given up on (waited too long or too many held). */
    private long gapsSkipped;
    /** Sequences started again because an origin jumped ahead (it restarted). */
    private long restarts;

    DeliveryOrder(long waitNanos, int maxHeld, int maxOrigins) {
        if (waitNanos <= 0 || maxHeld < 1 || maxOrigins < 1) {
            throw new IllegalArgumentException("waitNanos, maxHeld and maxOrigins must be positive");
        }
        this.waitNanos = waitNanos;
        this.maxHeld = maxHeld;
        this.maxOrigins = maxOrigins;
    }

    /**
     * A message Plumtree delivered.
     *
     * @param lowestMissing the lowest sequence of its origin announced and not yet received here, or
     *                      {@link Long#MAX_VALUE}; asked only for an origin's first message
     */
    void offer(Deliver d, long now, LongSupplier lowestMissing, Sink sink) {
        NodeId origin = d.id().origin();
        long seq = d.id().sequence();
        Stream s = streams.get(origin);
        if (s == null) {
            s = new Stream();
            s.next = Math.min(seq, lowestMissing.getAsLong());
            streams.put(origin, s);
            evictBeyondBound(sink);
        } else if (seq - s.next > maxHeld) {
            restarts++;
            while (!s.held.isEmpty()) {
                skipGap(s, sink);
            }
            s.next = seq;
        }
        if (seq < s.next) {
            late++;
            sink.release(d);
            return;
        }
        if (seq > s.next) {
            s.held.put(seq, new Held(d, now));
            if (s.held.size() > maxHeld) {
                skipGap(s, sink);
            } else if (!s.wakeUpPending) {
                s.wakeUpPending = true;
                sink.wakeUp(origin, waitNanos);
            }
            return;
        }
        sink.release(d);
        s.next = seq + 1;
        drain(s, sink);
    }

    /** The wake-up for {@code origin}: skip a gap that has been waited for long enough. */
    void onTimer(NodeId origin, long now, Sink sink) {
        Stream s = streams.get(origin);
        if (s == null) {
            return;
        }
        s.wakeUpPending = false;
        if (s.held.isEmpty()) {
            return;
        }
        Held first = s.held.firstEntry().getValue();
        long waited = now - first.sinceNanos;
        if (waited >= waitNanos) {
            skipGap(s, sink);
        }
        if (!s.held.isEmpty()) {
            s.wakeUpPending = true;
            sink.wakeUp(origin, Math.max(1, waitNanos - (now - s.held.firstEntry().getValue().sinceNanos)));
        }
    }

    private void skipGap(Stream s, Sink sink) {
        gapsSkipped++;
        s.next = s.held.firstKey();
        drain(s, sink);
    }

    private void drain(Stream s, Sink sink) {
        Map.Entry<Long, Held> e;
        while ((e = s.held.firstEntry()) != null && e.getKey() == s.next) {
            s.held.pollFirstEntry();
            sink.release(e.getValue().delivery());
            s.next++;
        }
    }

    private void evictBeyondBound(Sink sink) {
        while (streams.size() > maxOrigins) {
            Stream s = streams.remove(streams.eldest());
            for (Held h : s.held.values()) {
                sink.release(h.delivery());
            }
        }
    }

    /** Messages released after a later one of their origin. */
    long late() {
        return late;
    }

    /** Gaps given up on. */
    long gapsSkipped() {
        return gapsSkipped;
    }

    /** Messages held now. */
    int held() {
        int n = 0;
        for (Stream s : streams.values()) {
            n += s.held.size();
        }
        return n;
    }
}
