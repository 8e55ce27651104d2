package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeOrderTest {

    /** The plain list version: shuffle on reshuffle, insert into the list at a random place of the rest. */
    private static final class ListOrder {
        private final RandomGenerator random;
        private final List<NodeId> order = new ArrayList<>();
        private int next;

        ListOrder(RandomGenerator random) {
            this.random = random;
        }

        void add(NodeId id) {
            order.add(next + random.nextInt(order.size() - next + 1), id);
        }

        NodeId next(List<NodeId> members) {
            if (next >= order.size()) {
                order.clear();
                order.addAll(members);
                for (int i = order.size() - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    NodeId t = order.get(i);
                    order.set(i, order.get(j));
                    order.set(j, t);
                }
                next = 0;
            }
            return next < order.size() ? order.get(next++) : null;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void visitsMembersInTheSameOrderAsAPlainShuffledList(long seed) {
        ProbeOrder chunked = new ProbeOrder(new SplittableRandom(seed));
        ListOrder plain = new ListOrder(new SplittableRandom(seed));
        SplittableRandom script = new SplittableRandom(seed + 100);
        List<NodeId> members = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (script.nextInt(3) > 0 || members.isEmpty()) {
                // bursts of joins, as while a cluster forms, so chunks fill and split
                int joins = script.nextInt(1, ProbeOrder.CHUNK);
                for (int j = 0; j < joins; j++) {
                    NodeId id = NodeId.of("n" + members.size());
                    members.add(id);
                    chunked.add(id);
                    plain.add(id);
                }
            }
            int probes = script.nextInt(1, 200);
            for (int p = 0; p < probes; p++) {
                NodeId expected = plain.next(members);
                assertThat(chunked.next(() -> members, id -> true)).as("seed %d step %d", seed, step)
                        .isEqualTo(expected);
            }
            if (members.size() > 5_000) {
                break;
            }
        }
    }

    @Test
    void everyMemberIsProbedOncePerRound() {
        ProbeOrder order = new ProbeOrder(new SplittableRandom(7));
        List<NodeId> members = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            members.add(NodeId.of("m" + i));
        }
        List<NodeId> round = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            round.add(order.next(() -> members, id -> true));
        }
        assertThat(round).containsExactlyInAnyOrderElementsOf(members);
    }

    @Test
    void skipsWhatIsNotProbeableAndReturnsNullWhenNothingIs() {
        ProbeOrder order = new ProbeOrder(new SplittableRandom(1));
        List<NodeId> members = List.of(NodeId.of("a"), NodeId.of("b"));
        assertThat(order.next(() -> members, id -> id.name().equals("b"))).isEqualTo(NodeId.of("b"));
        assertThat(order.next(() -> members, id -> false)).isNull();
    }
}
