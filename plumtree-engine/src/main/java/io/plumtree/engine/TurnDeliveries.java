package io.plumtree.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliveries of one turn of the network thread, one batch per origin, handed to the listeners' executor at the
 * end of the turn as one task per origin instead of one per delivery. A busy node delivers a few hundred messages a
 * turn, mostly from one origin: a task each cost the network thread a lock, a shared counter update, a hash lookup
 * and a closure per delivery, and the delivery thread as much again to take them. Network thread only.
 */
final class TurnDeliveries {

    private static final Logger log = LoggerFactory.getLogger(TurnDeliveries.class);

    /** Where the listeners are looked up when a batch runs (the node's live list). */
    private final List<DeliveryListener> listeners;
    /** This turn's batches, by origin, in the order their origins first delivered. */
    private final Map<NodeId, Batch> batches = new LinkedHashMap<>();
    /** The batch of the last delivery's origin (most turns deliver from one origin): no lookup for the next. */
    private Batch last;
    /** Deliveries gathered this turn. */
    private int size;
    /** The origin of the last turn's largest batch, and that batch's size: its next batch starts that large. */
    private NodeId busiestOrigin;
    private int busiestSize;

    /** @param listeners the node's delivery listeners, read when each batch runs */
    TurnDeliveries(List<DeliveryListener> listeners) {
        this.listeners = listeners;
    }

    /** Adds {@code d} after the deliveries of its origin gathered this turn. */
    void add(Delivery d) {
        Batch b = last;
        if (b == null || b.origin != d.origin()) {
            b = batches.computeIfAbsent(d.origin(),
                    o -> new Batch(o, listeners, o.equals(busiestOrigin) ? busiestSize : 0));
            last = b;
        }
        b.deliveries.add(d);
        size++;
    }

    /** Deliveries gathered since the last {@link #drain}. */
    int size() {
        return size;
    }

    /** Hands each origin's batch to {@code sink} (origin, task, number of deliveries) and starts a new turn. */
    void drain(BatchSink sink) {
        if (size == 0) {
            return;
        }
        busiestSize = 0;
        for (Batch b : batches.values()) {
            int n = b.deliveries.size();
            if (n > busiestSize) {
                busiestOrigin = b.origin;
                busiestSize = n;
            }
            sink.accept(b.origin, b, n);
        }
        batches.clear();
        last = null;
        size = 0;
    }

    /** Receives the batches of a turn. */
    @FunctionalInterface
    interface BatchSink {
        void accept(NodeId origin, Runnable batch, int deliveries);
    }

    /**
     * One origin's deliveries of one turn, in order: each goes to every listener; a listener that throws is logged
     * and the other listeners of that delivery are skipped, as when each delivery was a task of its own, and the
     * deliveries after it still run.
     */
    private static final class Batch implements Runnable {
        private final NodeId origin;
        private final List<DeliveryListener> listeners;
        private final ArrayList<Delivery> deliveries;

        /** @param expected deliveries expected (the origin's batch last turn, if it was the largest), 0 if unknown */
        Batch(NodeId origin, List<DeliveryListener> listeners, int expected) {
            this.origin = origin;
            this.listeners = listeners;
            this.deliveries = expected > 0 ? new ArrayList<>(expected) : new ArrayList<>();
        }

        @Override
        public void run() {
            for (Delivery d : deliveries) {
                try {
                    for (DeliveryListener l : listeners) {
                        l.onDelivery(d);
                    }
                } catch (RuntimeException | AssertionError e) {
                    log.error("listener failed on {}; later deliveries go on", d.id(), e);
                }
            }
        }
    }
}
