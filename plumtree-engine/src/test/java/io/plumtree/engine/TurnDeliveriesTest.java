package io.plumtree.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A turn's deliveries leave as one ordered batch per origin, and a failing listener loses nothing after it. */
class TurnDeliveriesTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");

    private record Handed(NodeId origin, Runnable batch, int deliveries) {
    }

    private static Delivery delivery(NodeId origin, long sequence) {
        return new Delivery(origin, new MessageId(origin, sequence), 1, new byte[] {(byte) sequence});
    }

    @Test
    void eachOriginsDeliveriesLeaveAsOneBatchInOrderAndTheTurnStartsAfresh() {
        List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
        List<MessageId> seen = new ArrayList<>();
        listeners.add(d -> seen.add(d.id()));
        TurnDeliveries turn = new TurnDeliveries(listeners);
        turn.add(delivery(A, 1));
        turn.add(delivery(B, 1));
        turn.add(delivery(A, 2));
        turn.add(delivery(NodeId.of("a"), 3)); // an equal id, another instance: the same origin
        assertThat(turn.size()).isEqualTo(4);

        List<Handed> handed = new ArrayList<>();
        turn.drain((origin, batch, n) -> handed.add(new Handed(origin, batch, n)));
        assertThat(handed).extracting(Handed::origin).containsExactly(A, B);
        assertThat(handed).extracting(Handed::deliveries).containsExactly(3, 1);
        assertThat(turn.size()).isZero();
        assertThat(seen).as("nothing runs before the executor runs the batches").isEmpty();

        handed.forEach(h -> h.batch().run());
        assertThat(seen).containsExactly(new MessageId(A, 1), new MessageId(A, 2), new MessageId(A, 3),
                new MessageId(B, 1));

        turn.add(delivery(B, 2));
        handed.clear();
        turn.drain((origin, batch, n) -> handed.add(new Handed(origin, batch, n)));
        assertThat(handed).extracting(Handed::origin).containsExactly(B);
        handed.clear();
        turn.drain((origin, batch, n) -> handed.add(new Handed(origin, batch, n)));
        assertThat(handed).as("an empty turn hands nothing").isEmpty();
    }

    @Test
    void aListenerThatThrowsSkipsTheRestOfThatDeliveryOnlyAndLaterDeliveriesStillRun() {
        List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
        List<String> seen = new ArrayList<>();
        listeners.add(d -> {
            if (d.id().sequence() == 2) {
                throw new IllegalStateException("listener bug");
            }
            seen.add("first:" + d.id().sequence());
        });
        listeners.add(d -> seen.add("second:" + d.id().sequence()));
        TurnDeliveries turn = new TurnDeliveries(listeners);
        for (long s = 1; s <= 3; s++) {
            turn.add(delivery(A, s));
        }
        List<Runnable> batches = new ArrayList<>();
        turn.drain((origin, batch, n) -> batches.add(batch));
        batches.get(0).run();
        assertThat(seen).containsExactly("first:1", "second:1", "first:3", "second:3");
    }
}
