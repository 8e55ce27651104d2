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
        long t0 = System.nanoTime() + 1_000_000;
        r.published(0, t0);
        r.published(1, t0 + 2_000);
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
        long first = in.readLong();
        assertThat(first).as("publish times kept to the microsecond").isBetween(t0 - 1_000, t0);
        assertThat(in.readLong()).isEqualTo(first + 2_000);
        assertThat(in.available()).isZero();
    }

    @Test
    void holdsSequencesPastOneChunk() throws Exception {
        DeliveryRecorder r = new DeliveryRecorder(1024);
        int far = (1 << 20) + 5;
        r.delivered(far, 7_000);
        r.delivered(far, 7_000);
        assertThat(r.deliveries()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.writeTo(out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
        assertThat(in.readInt()).isEqualTo(far + 1);
        in.skipNBytes(4L * far);
        assertThat(in.readInt()).isEqualTo(8);
        assertThat(in.readInt()).as("nothing published here").isZero();
    }

    @Test
    void thePublishTimesOfTheExpectedMessagesAreAllocatedAtTheFirstPublishNotDuringTheRun() {
        int expected = 3 * DeliveryRecorder.CHUNK;
        DeliveryRecorder r = new DeliveryRecorder(expected);
        assertThat(r.publishChunks()).as("a node that never publishes holds none").isZero();
        r.published(0, System.nanoTime());
        assertThat(r.publishChunks()).isEqualTo(3);
        r.published(expected - 1, System.nanoTime());
        assertThat(r.publishChunks()).as("nothing more while the expected messages are published").isEqualTo(3);
        r.published(expected, System.nanoTime());
        assertThat(r.publishChunks()).as("beyond them, a chunk at a time").isEqualTo(4);
    }
}
