package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MemberSlotsTest {

    private static Member member(String name, long incarnation, MemberState state) {
        return new Member(NodeId.of(name), name + ":7946", incarnation, state, new byte[] {1}, incarnation * 10);
    }

    @Test
    void storesAndReplacesMembersByName() {
        MemberSlots slots = new MemberSlots();
        assertThat(slots.put(member("a", 1, MemberState.ALIVE))).isNull();
        assertThat(slots.put(member("b", 1, MemberState.ALIVE))).isNull();
        assertThat(slots.put(member("a", 2, MemberState.SUSPECT))).isEqualTo(MemberState.ALIVE);
        assertThat(slots.size()).isEqualTo(2);
        int a = slots.slotOf(NodeId.of("a"));
        int b = slots.slotOf(NodeId.of("b"));
        assertThat(slots.member(a)).isEqualTo(member("a", 2, MemberState.SUSPECT));
        assertThat(slots.member(b)).isEqualTo(member("b", 1, MemberState.ALIVE));
        assertThat(slots.slotOf(NodeId.of("c"))).isEqualTo(-1);
    }

    @Test
    void behavesAsAMapWithSwapRemovalAndNameOrder() {
        MemberSlots slots = new MemberSlots();
        Map<NodeId, Member> model = new HashMap<>();
        List<NodeId> slotModel = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 50_000; step++) {
            NodeId id = NodeId.of("m" + random.nextInt(2_000));
            if (random.nextInt(4) == 0) {
                slots.remove(id);
                if (model.remove(id) != null) {
                    int at = slotModel.indexOf(id);
                    NodeId last = slotModel.remove(slotModel.size() - 1);
                    if (at < slotModel.size()) {
                        slotModel.set(at, last);
                    }
                }
            } else {
                Member m = member(id.name(), random.nextInt(1, 100), MemberState.values()[random.nextInt(4)]);
                slots.put(m);
                if (model.put(id, m) == null) {
                    slotModel.add(id);
                }
            }
            if (step % 997 == 0) {
                assertThat(slots.size()).isEqualTo(model.size());
                for (int s = 0; s < slots.size(); s++) {
                    assertThat(slots.id(s)).isEqualTo(slotModel.get(s));
                    assertThat(slots.member(s)).isEqualTo(model.get(slots.id(s)));
                    assertThat(slots.slotOf(slots.id(s))).isEqualTo(s);
                }
                List<NodeId> inOrder = new ArrayList<>();
                for (int s : slots.slotsInNameOrder()) {
                    inOrder.add(slots.id(s));
                }
                assertThat(inOrder).isSortedAccordingTo(Comparator.naturalOrder())
                        .containsExactlyInAnyOrderElementsOf(model.keySet());
            }
        }
    }
}
