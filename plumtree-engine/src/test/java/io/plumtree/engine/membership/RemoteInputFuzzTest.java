package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage.NodeState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote faults are not bugs: random well-formed messages from random senders, interleaved with timers, never make
 * the core throw, and its own invariants hold after every input.
 */
class RemoteInputFuzzTest {

    private static final long MS = 1_000_000L;
    private static final List<NodeId> NAMES = List.of(NodeId.of("self"), NodeId.of("a"), NodeId.of("b"),
            NodeId.of("c"), NodeId.of("d"));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomRemoteInputNeverThrowsAndKeepsInvariants(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Swim core = new Swim(NodeId.of("self"), "self", new byte[0], SwimConfig.lan(), new SplittableRandom(seed));
        List<SwimOutput> out = new ArrayList<>();
        core.handle(new SwimInput.Start(), 0, out::add);
        long now = 0;
        long lastIncarnation = core.incarnation();
        for (int i = 0; i < 5_000; i++) {
            now += r.nextLong(50 * MS);
            SwimInput input = randomInput(r);
            try {
                core.handle(input, now, out::add);
            } catch (RuntimeException e) {
                throw new AssertionError("input " + input + " threw; reproduce with seed=" + seed, e);
            }
            assertThat(core.member(NodeId.of("self")).state()).as("reproduce with seed=" + seed)
                    .isEqualTo(MemberState.ALIVE);
            assertThat(core.incarnation()).as("reproduce with seed=" + seed).isGreaterThanOrEqualTo(lastIncarnation);
            assertThat(core.awareness()).isBetween(0, SwimConfig.lan().awarenessMaxMultiplier() - 1);
            lastIncarnation = core.incarnation();
        }
        assertThat(out).filteredOn(o -> o instanceof SwimOutput.SendPacket)
                .allMatch(o -> ((SwimOutput.SendPacket) o).encodedSize() <= SwimConfig.lan().packetBudget());
        assertThat(out).filteredOn(o -> o instanceof SwimOutput.MemberEvent)
                .allMatch(o -> !((SwimOutput.MemberEvent) o).member().id().name().equals("self")
                        || ((SwimOutput.MemberEvent) o).kind() == SwimOutput.MemberEvent.Kind.CONFLICT);
    }

    private static SwimInput randomInput(SplittableRandom r) {
        String from = pick(r, NAMES).name() + (r.nextInt(4) == 0 ? "-other" : "");
        int kind = r.nextInt(10);
        if (kind == 0) {
            SwimTimer[] timers = {new SwimTimer.ProbeTick(), new SwimTimer.GossipTick(), new SwimTimer.PushPullTick(),
                    new SwimTimer.Reap(), new SwimTimer.ProbeTimeout(r.nextLong(50)),
                    new SwimTimer.IndirectTimeout(r.nextLong(50)),
                    new SwimTimer.SuspicionTimeout(pick(r, NAMES), r.nextLong(5))};
            return new SwimInput.TimerFired(timers[r.nextInt(timers.length)]);
        }
        if (kind == 1) {
            List<NodeState> states = new ArrayList<>();
            for (int i = r.nextInt(5); i > 0; i--) {
                NodeId id = pick(r, NAMES);
                states.add(new NodeState(id, id.name() + (r.nextInt(5) == 0 ? "-other" : ""), r.nextLong(5),
                        MemberState.values()[r.nextInt(4)], new byte[r.nextInt(3)]));
            }
            return new SwimInput.StreamReceived(from, new SwimMessage.PushPull(r.nextBoolean(), r.nextBoolean(),
                    states));
        }
        List<SwimMessage> messages = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            messages.add(randomMessage(r));
        }
        if (kind == 2) {
            return new SwimInput.StreamReceived(from, messages.get(0));
        }
        return new SwimInput.PacketReceived(from, messages);
    }

    private static SwimMessage randomMessage(SplittableRandom r) {
        NodeId node = pick(r, NAMES);
        NodeId other = pick(r, NAMES);
        long inc = r.nextLong(6);
        return switch (r.nextInt(7)) {
            case 0 -> new SwimMessage.Ping(r.nextLong(50), node);
            case 1 -> new SwimMessage.IndirectPing(r.nextLong(50), node, node.name(), r.nextBoolean());
            case 2 -> new SwimMessage.Ack(r.nextLong(50));
            case 3 -> new SwimMessage.Nack(r.nextLong(50));
            case 4 -> new SwimMessage.Suspect(inc, node, other);
            case 5 -> new SwimMessage.Alive(inc, node, node.name() + (r.nextInt(5) == 0 ? "-other" : ""),
                    new byte[r.nextInt(3)]);
            default -> new SwimMessage.Dead(inc, node, other);
        };
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
