package io.plumtree.engine.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the ring places frames, and that it never hands out bytes a queue still holds. */
class FrameRingTest {

    private final List<SocketChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() throws IOException {
        for (SocketChannel c : channels) {
            c.close();
        }
    }

    /** A connection whose queue the test fills and empties by hand (its channel is never used). */
    private Connection connection() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channels.add(channel);
        return new Connection(channel, true, null, 0);
    }

    @Test
    void framesFollowOneAnotherAndOneThatWouldWrapStartsAtZero() {
        FrameRing ring = new FrameRing(4_096);
        ByteBuffer a = ring.reserve(300, List.of());
        ByteBuffer b = ring.reserve(200, List.of());
        assertThat(a.position()).isZero();
        assertThat(a.remaining()).isEqualTo(300);
        assertThat(b.position()).as("right after the first").isEqualTo(300);
        for (int i = 0; i < 15; i++) {
            ring.reserve(230, List.of()); // up to 3,950
        }
        ByteBuffer wrapped = ring.reserve(200, List.of());
        assertThat(wrapped.position()).as("200 bytes do not fit in the last 146").isZero();
        assertThat(wrapped.limit()).isEqualTo(200);
    }

    @Test
    void aFrameStillQueuedIsNeverOverwrittenAndItsSpaceReturnsOnceWritten() throws IOException {
        FrameRing ring = new FrameRing(4_096);
        Connection slow = connection();
        Connection fast = connection();
        List<Connection> holders = List.of(slow, fast);
        ByteBuffer oldest = ring.reserve(500, holders);
        slow.enqueue(oldest.duplicate(), false);
        int placed = 1;
        ByteBuffer next;
        while ((next = ring.reserve(500, holders)) != null) {
            fast.enqueue(next.duplicate(), false);
            assertThat(overlaps(next, oldest)).as("frame %d over the queued one", placed).isFalse();
            placed++;
        }
        assertThat(placed).as("frames of 500 bytes in 4,096, the ring never completely full").isEqualTo(8);
        fast.discardQueue();
        refuseWithoutAsking(ring, holders);
        assertThat(ring.reserve(500, holders)).as("asked again: the slow queue still holds the oldest").isNull();
        slow.discardQueue();
        refuseWithoutAsking(ring, holders);
        assertThat(ring.reserve(500, holders)).as("asked again: nothing held any more").isNotNull();
    }

    @Test
    void refusesFramesLargerThanAnEighthOfItself() {
        FrameRing ring = new FrameRing(8_192);
        assertThat(ring.reserve(1_025, List.of())).isNull();
        assertThat(ring.reserve(1_024, List.of())).isNotNull();
        assertThatThrownBy(() -> new FrameRing(3_000)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The 64 placements a full ring refuses before it asks the queues again. */
    private static void refuseWithoutAsking(FrameRing ring, List<Connection> holders) {
        for (int i = 0; i < 64; i++) {
            assertThat(ring.reserve(500, holders)).isNull();
        }
    }

    private static boolean overlaps(ByteBuffer x, ByteBuffer y) {
        return x.position() < y.limit() && y.position() < x.limit();
    }
}
