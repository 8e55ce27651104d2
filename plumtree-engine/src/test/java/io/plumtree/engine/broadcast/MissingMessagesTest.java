package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MissingMessagesTest {

    private static final NodeId ORIGIN = NodeId.of("origin");
    private static final NodeId PEER = NodeId.of("peer");

    private static MessageId id(long seq) {
        return new MessageId(ORIGIN, seq);
    }

    @Test
    void firstGraftsComeDueInAnnouncementOrderPassingOverWhatArrived() {
        MissingMessages missing = new MissingMessages(16, 2);
        for (long seq = 1; seq <= 4; seq++) {
            assertThat(missing.announce(id(seq), PEER, 1, 10 * seq)).isEqualTo(MissingMessages.Outcome.NEW);
        }
        assertThat(missing.announce(id(2), NodeId.of("other"), 1, 99)).as("its first GRAFT stays due at 20")
                .isEqualTo(MissingMessages.Outcome.KNOWN);
        missing.remove(id(1));
        missing.remove(id(3));

        assertThat(missing.nextFirstDue().id).isEqualTo(id(2));
        assertThat(missing.pollFirstDue(19)).as("not due yet").isNull();
        assertThat(missing.pollFirstDue(40).id).isEqualTo(id(2));
        assertThat(missing.pollFirstDue(40).id).as("3 arrived: passed over").isEqualTo(id(4));
        assertThat(missing.pollFirstDue(1_000)).isNull();
        assertThat(missing.nextFirstDue()).isNull();
        assertThat(missing.size()).as("taken off the queue, still missing until it arrives or is given up")
                .isEqualTo(2);
    }

    @Test
    void theQueueOfFirstGraftsHoldsAtMostTwiceTheTable() {
        MissingMessages missing = new MissingMessages(4, 2);
        for (long seq = 1; seq <= 1_000; seq++) {
            missing.announce(id(seq), PEER, 1, seq);
            if (seq % 5 != 0) {
                missing.remove(id(seq)); // arrived before its GRAFT was due: only its queue entry is left
            }
            assertThat(missing.firstDueQueued()).isLessThanOrEqualTo(8);
        }
        assertThat(missing.size()).isEqualTo(4);
        assertThat(missing.nextFirstDue().id).as("the oldest still missing").isEqualTo(id(5));
    }

    @Test
    void aMessageAnnouncedAgainAfterItLeftTheTableIsDueAtItsNewTime() {
        MissingMessages missing = new MissingMessages(16, 2);
        missing.announce(id(1), PEER, 1, 10);
        missing.remove(id(1));
        missing.announce(id(1), PEER, 1, 50);
        assertThat(missing.pollFirstDue(10)).as("the old entry is gone with the old message").isNull();
        assertThat(missing.pollFirstDue(50).firstGraftDueNanos).isEqualTo(50);
    }
}
