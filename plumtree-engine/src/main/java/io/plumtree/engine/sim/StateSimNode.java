package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.state.ReplicatedState;
import io.plumtree.engine.state.StateInput;
import io.plumtree.engine.state.StateOutput;

import java.util.Map;
import java.util.Objects;

/**
 * A bare replicated state core as a simulated node: its sends go through the real codec ({@link StateLoopback}) and
 * travel on reliable links, its timers come back as {@code TimerFired}, its key changes and bytes sent are reported
 * to the measure.
 */
final class StateSimNode implements Simulation.Node<StateInput> {

    private final int index;
    private final ReplicatedState core;
    private final Map<NodeId, Integer> indexOf;
    private final StateLoopback wire;
    private final StateMeasure measure;

    StateSimNode(int index, ReplicatedState core, Map<NodeId, Integer> indexOf, StateLoopback wire,
                 StateMeasure measure) {
        this.index = index;
        this.core = Objects.requireNonNull(core, "core");
        this.indexOf = Objects.requireNonNull(indexOf, "indexOf");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.measure = Objects.requireNonNull(measure, "measure");
    }

    ReplicatedState core() {
        return core;
    }

    @Override
    public void handle(StateInput input, long now, Simulation.Outbox<StateInput> out) {
        core.handle(input, now, o -> {
            if (o instanceof StateOutput.Send s) {
                Integer to = indexOf.get(s.to());
                if (to == null) {
                    throw new IllegalStateException(core.self() + " sent to unknown node " + s.to());
                }
                measure.sent(wire.carry(core.self(), s.message()), now);
                out.send(to, new StateInput.Received(core.self(), s.message()), Simulation.Link.RELIABLE);
            } else if (o instanceof StateOutput.ScheduleTimer t) {
                out.timer(t.delayNanos(), new StateInput.TimerFired(t.timer()));
            } else if (o instanceof StateOutput.KeyChanged c) {
                measure.observed(index, indexOf.get(c.node()), c.version(), now);
            } else {
                throw new IllegalStateException("unhandled output " + o);
            }
        });
    }
}
