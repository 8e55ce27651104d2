package io.plumtree.engine.net;

import io.plumtree.engine.node.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The frames of one read: kept in stream order however many there are, and let go of when cleared. */
class ReadFramesTest {

    @Test
    void keepsEveryFrameOfARead_inOrder_pastItsFirstCapacity() {
        ReadFrames read = new ReadFrames();
        for (int i = 0; i < 1000; i++) {
            read.accept(new Frame.Hello("127.0.0.1:" + i));
        }
        assertThat(read.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(read.get(i)).isEqualTo(new Frame.Hello("127.0.0.1:" + i));
        }
    }

    @Test
    void clearForgetsTheFramesAndTheNextReadStartsAtTheFront() {
        ReadFrames read = new ReadFrames();
        read.accept(new Frame.Hello("127.0.0.1:1"));
        read.accept(new Frame.Hello("127.0.0.1:2"));
        read.clear();
        assertThat(read.size()).isZero();
        assertThat(read.get(0)).isNull(); // no reference kept to a handled frame
        assertThat(read.get(1)).isNull();
        read.accept(new Frame.Hello("127.0.0.1:3"));
        assertThat(read.size()).isEqualTo(1);
        assertThat(read.get(0)).isEqualTo(new Frame.Hello("127.0.0.1:3"));
    }
}
