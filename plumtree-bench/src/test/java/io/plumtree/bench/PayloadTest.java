package io.plumtree.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTest {

    @Test
    void carriesSequenceAndPublishTime() {
        byte[] p = Payload.create(1024, 123_456_789_012L, -42L);
        assertThat(p).hasSize(1024);
        assertThat(Payload.sequence(p, 0)).isEqualTo(123_456_789_012L);
        assertThat(Payload.publishNanos(p, 0)).isEqualTo(-42L);
        byte[] framed = new byte[4 + 16];
        System.arraycopy(Payload.create(16, 7, 9), 0, framed, 4, 16);
        assertThat(Payload.sequence(framed, 4)).isEqualTo(7);
        assertThat(Payload.publishNanos(framed, 4)).isEqualTo(9);
    }
}
