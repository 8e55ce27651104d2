package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnownNamesTest {

    private static ByteBuffer name(byte[] utf8) {
        ByteBuffer b = ByteBuffer.allocate(2 + utf8.length);
        b.putShort((short) utf8.length).put(utf8);
        return b.flip();
    }

    private static NodeId read(byte[] utf8) {
        WireReader r = new WireReader(name(utf8));
        NodeId id = r.readNodeId();
        assertThat(r.remaining()).isZero();
        return id;
    }

    @Test
    void aNameSeenBeforeIsTheSameNodeIdAndEveryNameDecodesToItself() {
        byte[] alpha = "alpha-ö".getBytes(StandardCharsets.UTF_8);
        NodeId first = read(alpha);
        assertThat(first).isEqualTo(NodeId.of("alpha-ö"));
        assertThat(read(alpha)).isSameAs(first);
        for (int i = 0; i < 5 * KnownNames.SLOTS; i++) {
            String n = "node-" + i;
            assertThat(read(n.getBytes(StandardCharsets.UTF_8))).as("slots are shared and replaced").isEqualTo(NodeId.of(n));
        }
        assertThat(read(alpha)).isEqualTo(first);
    }

    @Test
    void malformedNamesAreRefusedEveryTime() {
        byte[] malformed = {'a', (byte) 0xC3, 0x28};
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> read(malformed)).isInstanceOf(DropSignal.class);
        }
        assertThatThrownBy(() -> read(" ".getBytes(StandardCharsets.UTF_8)))
                .as("a blank name is refused by NodeId").isInstanceOf(IllegalArgumentException.class);
    }
}
