package io.plumtree.bench.node;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRecorderTest {

    @Test
    void recordsLatenciesOncePerSequenceAndGrows() throws Exception {
        DeliveryRecorder r = new DeliveryRecorder(4);
        r.published(0, 100);
        r.published(1, 200);
        r.delivered(0, 2_500);
        r.delivered(0, 9_000);
        r.delivered(2000, 1_000_000);
        assertThat(r.deliveries()).isEqualTo(2);
        assertThat(r.duplicates()).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.writeTo(out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
        assertThat(in.readInt()).isEqualTo(2001);
        assertThat(in.readInt()).as("2.5 µs, rounded down, plus one").isEqualTo(3);
        for (int i = 1; i < 2000; i++) {
            assertThat(in.readInt()).isZero();
        }
        assertThat(in.readInt()).isEqualTo(1001);
        assertThat(in.readInt()).isEqualTo(2);
        assertThat(in.readLong()).isEqualTo(100);
        assertThat(in.readLong()).isEqualTo(200);
        assertThat(in.available()).isZero();
    }
}
