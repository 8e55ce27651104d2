package io.plumtree.engine.node;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeOutput.Deliver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryOrderTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final long WAIT = 1_000;

    private final List<Long> released = new ArrayList<>();
    private final List<Long> wakeUps = new ArrayList<>();
    private final DeliveryOrder.Sink sink = new DeliveryOrder.Sink() {
        @Override
        public void release(Deliver d) {
            released.add(d.id().origin().equals(A) ? d.id().sequence() : -d.id().sequence());
        }

        @Override
        public void wakeUp(NodeId origin, long delayNanos) {
            wakeUps.add(delayNanos);
        }
    };

    private static Deliver d(NodeId origin, long seq) {
        return new Deliver(new MessageId(origin, seq), 1, new byte[0]);
    }

    @Test
    void holdsAMessageUntilItsPredecessorArrives() {
        DeliveryOrder order = new DeliveryOrder(WAIT, 100, 100);
        order.offer(d(A, 1), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 3), 1, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 4), 2, () -> Long.MAX_VALUE, sink);
        order.offer(d(B, 7), 3, () -> Long.MAX_VALUE, sink);
        assertThat(released).containsExactly(1L, -7L);
        assertThat(wakeUps).containsExactly(WAIT);
        order.offer(d(A, 2), 4, () -> Long.MAX_VALUE, sink);
        assertThat(released).containsExactly(1L, -7L, 2L, 3L, 4L);
        assertThat(order.late()).isZero();
        assertThat(order.held()).isZero();
    }

    @Test
    void skipsAGapAfterTheWaitAndDeliversTheMissingOneLateIfItComes() {
        DeliveryOrder order = new DeliveryOrder(WAIT, 100, 100);
        order.offer(d(A, 1), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 3), 10, () -> Long.MAX_VALUE, sink);
        order.onTimer(A, 500, sink);
        assertThat(released).as("not waited long enough").containsExactly(1L);
        assertThat(wakeUps).last().isEqualTo(WAIT - 490);
        order.onTimer(A, 1_010, sink);
        assertThat(released).containsExactly(1L, 3L);
        assertThat(order.gapsSkipped()).isEqualTo(1);
        order.offer(d(A, 2), 2_000, () -> Long.MAX_VALUE, sink);
        assertThat(released).as("nothing is dropped").containsExactly(1L, 3L, 2L);
        assertThat(order.late()).isEqualTo(1);
    }

    @Test
    void tooManyHeldSkipsTheGapAtOnce() {
        DeliveryOrder order = new DeliveryOrder(WAIT, 3, 100);
        order.offer(d(A, 1), 0, () -> Long.MAX_VALUE, sink);
        for (long s = 3; s <= 6; s++) {
            order.offer(d(A, s), 0, () -> Long.MAX_VALUE, sink);
        }
        assertThat(released).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(order.gapsSkipped()).isEqualTo(1);
    }

    @Test
    void theFirstMessageSeenStartsTheSequenceAndForgottenOriginsReleaseWhatTheyHeld() {
        DeliveryOrder order = new DeliveryOrder(WAIT, 100, 1);
        order.offer(d(A, 10), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 12), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 9), 0, () -> Long.MAX_VALUE, sink);
        assertThat(released).containsExactly(10L, 9L);
        order.offer(d(B, 1), 0, () -> Long.MAX_VALUE, sink);
        assertThat(released).as("a's held message is released when a is forgotten").containsExactly(10L, 9L, 12L, -1L);
    }

    @Test
    void aMessageAnnouncedAndMissingStartsTheSequenceBelowTheFirstOneSeen() {
        DeliveryOrder order = new DeliveryOrder(WAIT, 100, 100);
        order.offer(d(A, 85), 0, () -> 1, sink);
        assertThat(released).as("#1 was announced and is on its way").isEmpty();
        for (long s = 1; s <= 84; s++) {
            order.offer(d(A, s), 1, () -> Long.MAX_VALUE, sink);
        }
        assertThat(released).hasSize(85).isSorted();
        assertThat(order.late()).isZero();
    }

    @Test
    void anOriginThatRestartedAndJumpedAheadStartsAgainWithoutWaiting() {
        DeliveryOrder order = new DeliveryOrder(WAIT, 100, 100);
        order.offer(d(A, 1), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 2), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 1_000_000), 0, () -> Long.MAX_VALUE, sink);
        order.offer(d(A, 1_000_001), 0, () -> Long.MAX_VALUE, sink);
        assertThat(released).containsExactly(1L, 2L, 1_000_000L, 1_000_001L);
    }
}
