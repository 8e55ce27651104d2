package io.plumtree.engine.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PackedBytesTest {

    /** {@code bytes} at index {@code before} of a buffer with {@code after} bytes behind them (heap or direct). */
    private static ByteBuffer around(byte[] bytes, int before, int after, boolean direct) {
        int size = before + bytes.length + after;
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (0xA5 ^ i));
        }
        b.put(before, bytes);
        return b;
    }

    @Test
    void everyLengthMatchesItselfAnywhereAndHashesAlike() {
        Random random = new Random(7);
        for (int length = 0; length <= 40; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            PackedBytes packed = new PackedBytes(bytes);
            assertThat(packed.length()).isEqualTo(length);
            for (int before : new int[] {0, 1, 7, 8, 13}) {
                for (int after : new int[] {0, 1, 7, 8, 13}) {
                    for (boolean direct : new boolean[] {false, true}) {
                        ByteBuffer b = around(bytes, before, after, direct);
                        String where = length + " bytes at " + before + " with " + after + " after, direct " + direct;
                        assertThat(packed.matches(b, before)).as(where).isTrue();
                        assertThat(PackedBytes.hash(b, before, length)).as(where).isEqualTo(packed.hash());
                        assertThat(new PackedBytes(b, before, length).hash()).as(where).isEqualTo(packed.hash());
                        assertThat(b.position()).as("the position does not move").isZero();
                    }
                }
            }
        }
    }

    @Test
    void aDifferenceInAnyByteIsSeen() {
        byte[] name = "node-with-a-longish-name-ö".getBytes(StandardCharsets.UTF_8);
        for (int length = 1; length <= name.length; length++) {
            byte[] bytes = Arrays.copyOf(name, length);
            PackedBytes packed = new PackedBytes(bytes);
            for (int i = 0; i < length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] other = bytes.clone();
                    other[i] ^= (byte) (1 << bit);
                    for (int before : new int[] {0, 3, 9}) {
                        ByteBuffer b = around(other, before, before, true);
                        assertThat(packed.matches(b, before)).as("byte %d bit %d of %d, at %d", i, bit, length, before)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void aLittleEndianBufferReadsTheSame() {
        byte[] bytes = "bench-cluster-label".getBytes(StandardCharsets.UTF_8);
        PackedBytes packed = new PackedBytes(bytes);
        ByteBuffer little = around(bytes, 3, 3, true).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(packed.matches(little, 3)).isTrue();
        assertThat(PackedBytes.hash(little, 3, bytes.length)).isEqualTo(packed.hash());
    }

    @Test
    void bytesAroundTheStringDoNotCount() {
        byte[] bytes = {'n', '3'};
        PackedBytes packed = new PackedBytes(bytes);
        ByteBuffer one = around(bytes, 6, 6, false);
        ByteBuffer other = around(bytes, 6, 6, false);
        for (int i = 0; i < 14; i++) {
            if (i < 6 || i >= 8) {
                other.put(i, (byte) ~other.get(i));
            }
        }
        assertThat(packed.matches(one, 6)).isTrue();
        assertThat(packed.matches(other, 6)).isTrue();
        assertThat(PackedBytes.hash(other, 6, 2)).isEqualTo(PackedBytes.hash(one, 6, 2));
    }
}
