package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A tiny driver for tests: several cores on virtual time, messages delivered after a fixed latency in send order,
 * timers fired at their time, key changes recorded per node. Nodes can be cut off (everything to and from them is
 * lost) and reconnected.
 */
final class StateHarness {

    static final long MS = 1_000_000L;
    static final long LATENCY = 5 * MS;

    private record Event(long at, long seq, NodeId to, StateInput input, NodeId from) {
    }

    final Map<NodeId, ReplicatedState> cores = new LinkedHashMap<>();
    final Map<NodeId, List<StateOutput.KeyChanged>> changes = new LinkedHashMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Set<NodeId> cut = new HashSet<>();
    private long seq;
    long now;

    /** Cores for {@code names}, all told of each other, subscribed to every key with id 0, started. */
    StateHarness(StateConfig config, long seed, String... names) {
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : names) {
            NodeId id = NodeId.of(name);
            cores.put(id, new ReplicatedState(id, config, random.split()));
            changes.put(id, new ArrayList<>());
        }
        for (NodeId a : cores.keySet()) {
            handle(a, new StateInput.Subscribe(0, ""));
            for (NodeId b : cores.keySet()) {
                if (!a.equals(b)) {
                    handle(a, new StateInput.PeerUp(b));
                }
            }
            handle(a, new StateInput.Start());
        }
    }

    ReplicatedState core(String name) {
        return cores.get(NodeId.of(name));
    }

    List<StateOutput.KeyChanged> changes(String name) {
        return changes.get(NodeId.of(name));
    }

    void handle(String name, StateInput input) {
        handle(NodeId.of(name), input);
    }

    void handle(NodeId node, StateInput input) {
        cores.get(node).handle(input, now, o -> {
            if (o instanceof StateOutput.Send s) {
                queue.add(new Event(now + LATENCY, seq++, s.to(), new StateInput.Received(node, s.message()), node));
            } else if (o instanceof StateOutput.ScheduleTimer t) {
                queue.add(new Event(now + t.delayNanos(), seq++, node, new StateInput.TimerFired(t.timer()), null));
            } else if (o instanceof StateOutput.KeyChanged c) {
                changes.get(node).add(c);
            }
        });
    }

    /** Loses everything sent to or from {@code name} until {@link #reconnect}. */
    void cutOff(String name) {
        cut.add(NodeId.of(name));
    }

    void reconnect(String name) {
        cut.remove(NodeId.of(name));
    }

    void runFor(Duration d) {
        long until = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Event e = queue.poll();
            now = e.at;
            if (e.from != null && (cut.contains(e.from) || cut.contains(e.to))) {
                continue;
            }
            if (cores.containsKey(e.to)) {
                handle(e.to, e.input);
            }
        }
        now = until;
    }
}
