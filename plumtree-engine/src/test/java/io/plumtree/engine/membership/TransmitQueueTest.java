package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage.Alive;
import io.plumtree.engine.membership.SwimMessage.Dead;
import io.plumtree.engine.membership.SwimMessage.Suspect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransmitQueueTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");

    private static Alive alive(NodeId id, long inc) {
        return new Alive(inc, id, id.name() + ":1", new byte[0]);
    }

    @Test
    void eachUpdateIsSentUpToTheRetransmitLimit() {
        TransmitQueue q = new TransmitQueue(100, 1400);
        q.enqueue(A, alive(A, 1));
        for (int i = 0; i < 3; i++) {
            assertThat(q.take(1400, 3)).containsExactly(alive(A, 1));
        }
        assertThat(q.take(1400, 3)).isEmpty();
        assertThat(q.size()).isZero();
    }

    @Test
    void leastTransmittedFirstThenNewest() {
        TransmitQueue q = new TransmitQueue(100, 1400);
        q.enqueue(A, alive(A, 1));
        assertThat(q.take(1400, 10)).containsExactly(alive(A, 1));
        q.enqueue(B, alive(B, 1));
        q.enqueue(C, alive(C, 1));
        assertThat(q.take(1400, 10)).containsExactly(alive(C, 1), alive(B, 1), alive(A, 1));
        int oneMessage = alive(A, 1).encodedSize();
        assertThat(q.take(oneMessage, 10)).as("only the least sent, newest first, fits").containsExactly(alive(C, 1));
        assertThat(q.take(oneMessage, 10)).containsExactly(alive(B, 1));
    }

    @Test
    void newerUpdateAboutAMemberReplacesTheQueuedOne() {
        TransmitQueue q = new TransmitQueue(100, 1400);
        q.enqueue(A, alive(A, 1));
        q.enqueue(A, new Suspect(1, A, B));
        q.enqueue(A, new Dead(1, A, B));
        assertThat(q.size()).isOne();
        assertThat(q.take(1400, 5)).containsExactly(new Dead(1, A, B));
    }

    @Test
    void takesOnlyWhatFitsTheBudgetAndSkipsToSmallerUpdates() {
        TransmitQueue q = new TransmitQueue(100, 1400);
        Alive big = new Alive(1, A, "a:1", new byte[300]);
        Suspect small = new Suspect(1, B, C);
        q.enqueue(B, small);
        q.enqueue(A, big);
        List<SwimMessage> taken = q.take(small.encodedSize() + 10, 5);
        assertThat(taken).containsExactly(small);
        assertThat(q.take(0, 5)).isEmpty();
        for (int budget = 0; budget < 400; budget += 7) {
            int sum = q.take(budget, 1000).stream().mapToInt(SwimMessage::encodedSize).sum();
            assertThat(sum).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void boundedDroppingTheMostTransmitted() {
        TransmitQueue q = new TransmitQueue(2, 1400);
        q.enqueue(A, alive(A, 1));
        q.take(1400, 10);
        q.enqueue(B, alive(B, 1));
        q.enqueue(C, alive(C, 1));
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.queuedAbout(A)).as("A was sent once already").isNull();
    }

    @Test
    void updatesThatNeverFitAPacketAreNotQueued() {
        TransmitQueue q = new TransmitQueue(10, 100);
        q.enqueue(A, new Alive(1, A, "a:1", new byte[200]));
        assertThat(q.size()).isZero();
    }
}
