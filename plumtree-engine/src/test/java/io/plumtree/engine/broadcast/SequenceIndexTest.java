package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-origin index against a plain map, through growth, collisions and backward-shift deletion. */
class SequenceIndexTest {

    @Test
    void behavesAsAMapUnderRandomPutsAndRemoves() {
        for (int seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SequenceIndex index = new SequenceIndex(NodeId.of("o"));
            Map<Long, Long> model = new HashMap<>();
            // every 64th sequence: keys that share their low bits
            long stride = seed % 2 == 0 ? 1 : 64;
            for (int step = 0; step < 20_000; step++) {
                long seq = 1 + random.nextInt(2_000) * stride;
                if (random.nextInt(3) > 0) {
                    long position = step;
                    index.put(seq, position);
                    model.put(seq, position);
                } else {
                    Long at = model.get(seq);
                    long position = at != null && random.nextBoolean() ? at : step;
                    boolean removed = index.remove(seq, position);
                    if (removed != (at != null && at == position)) {
                        assertThat(removed).as("seed %d step %d: remove(%d, %d)", seed, step, seq, position)
                                .isEqualTo(at != null && at == position);
                    }
                    if (removed) {
                        model.remove(seq);
                    }
                }
                if (step % 500 == 0) {
                    assertThat(index.size()).isEqualTo(model.size());
                }
            }
            int wrong = 0;
            for (long k = 1; k <= 2_000 * stride + 1; k++) {
                if (index.get(k) != model.getOrDefault(k, -1L)) {
                    wrong++;
                }
            }
            assertThat(wrong).as("seed %d: sequences found at the wrong position or not at all", seed).isZero();
        }
    }

    @Test
    void staysAtMostHalfFullAndShrinksWhenDrained() {
        SequenceIndex index = new SequenceIndex(NodeId.of("o"));
        int mostFilled = 0;
        for (long seq = 1; seq <= 100_000; seq++) {
            index.put(seq, seq);
            mostFilled = Math.max(mostFilled, (int) Math.ceil(100.0 * index.size() / index.capacity()));
        }
        assertThat(mostFilled).as("percent of slots ever full").isLessThanOrEqualTo(50);
        assertThat(index.overflowed()).as("a stream's sequences each have their slot").isZero();
        assertThat(index.capacity()).isEqualTo(1 << 18);
        int removed = 0;
        for (long seq = 1; seq <= 99_990; seq++) {
            removed += index.remove(seq, seq) ? 1 : 0;
        }
        assertThat(removed).isEqualTo(99_990);
        assertThat(index.capacity()).isLessThanOrEqualTo(128);
        for (long seq = 99_991; seq <= 100_000; seq++) {
            assertThat(index.get(seq)).isEqualTo(seq);
        }
    }

    @Test
    void aNewerRecordOfTheSameSequenceSurvivesTheOlderOnesRemoval() {
        SequenceIndex index = new SequenceIndex(NodeId.of("o"));
        index.put(7, 1);
        index.put(7, 5);
        assertThat(index.remove(7, 1)).isFalse();
        assertThat(index.get(7)).isEqualTo(5);
        assertThat(index.size()).isEqualTo(1);
    }
}
