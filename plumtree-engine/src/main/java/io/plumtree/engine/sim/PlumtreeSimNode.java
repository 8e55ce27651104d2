package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeInput;
import io.plumtree.engine.broadcast.PlumtreeOutput;

import java.util.Map;
import java.util.Objects;

/**
 * A bare Plumtree core as a simulated node, for the broadcast scenario with a static view: its sends travel on
 * reliable links, its timers come back as {@code TimerFired}, its deliveries and sends are reported to the observer.
 */
public final class PlumtreeSimNode implements Simulation.Node<PlumtreeInput> {

    private final int index;
    private final Plumtree core;

    /** Index of every node by name, shared by all nodes of a simulation. */
    private final Map<NodeId, Integer> indexOf;
    private final SimObserver observer;

    /**
     * @param index    this node's index
     * @param core     its Plumtree core
     * @param indexOf  every node's index by name
     * @param observer who measures the run
     */
    public PlumtreeSimNode(int index, Plumtree core, Map<NodeId, Integer> indexOf, SimObserver observer) {
        this.index = index;
        this.core = Objects.requireNonNull(core, "core");
        this.indexOf = Objects.requireNonNull(indexOf, "indexOf");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The core, for inspection. */
    public Plumtree core() {
        return core;
    }

    @Override
    public void handle(PlumtreeInput input, long now, Simulation.Outbox<PlumtreeInput> out) {
        core.handle(input, now, o -> {
            if (o instanceof PlumtreeOutput.Send s) {
                Integer to = indexOf.get(s.to());
                if (to == null) {
                    throw new IllegalStateException(core.self() + " sent to unknown node " + s.to());
                }
                observer.sent(index, to, s.message(), now);
                out.send(to, new PlumtreeInput.Received(core.self(), s.message()), Simulation.Link.RELIABLE);
            } else if (o instanceof PlumtreeOutput.ScheduleTimer t) {
                out.timer(t.delayNanos(), new PlumtreeInput.TimerFired(t.timer()));
            } else if (o instanceof PlumtreeOutput.Deliver d) {
                observer.delivered(index, d, now);
            } else {
                throw new IllegalStateException("unhandled output " + o);
            }
        });
    }
}
