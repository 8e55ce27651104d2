package io.plumtree.engine.sim;

import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.node.NodeCore;
import io.plumtree.engine.node.NodeInput;
import io.plumtree.engine.node.NodeOutput;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole node (membership and broadcast) as a simulated node: datagrams travel as {@link Simulation.Link#DATAGRAM},
 * stream frames as {@link Simulation.Link#RELIABLE}, addressed by the addresses membership uses. Everything sent goes
 * through the real codec ({@link WireLoopback}); the receiver gets the decoded copy.
 */
public final class ClusterSimNode implements Simulation.Node<NodeInput> {

    private final int index;
    private final String address;
    private final NodeCore core;

    /** Index of every node by address, shared by all nodes of a simulation. */
    private final Map<String, Integer> indexOfAddress;
    private final ClusterObserver observer;

    /** Messages to addresses no node has (a wrong seed, a reaped member); dropped. */
    private long unknownAddress;

    /** The seed addresses of the last join, handed back whenever the core asks to resolve its seeds again. */
    private List<String> seeds = List.of();

    /**
     * How long a stream with a peer stays open without traffic: {@link io.plumtree.engine.ClusterConfig#idleTimeout()}'s
     * default.
     */
    static final long IDLE_NANOS = 120_000_000_000L;

    /**
     * When a frame last went to or came from each peer (by index): the streams a real node would hold open, whose
     * end a crash of that peer makes visible ({@link SimCluster#crash}). Entries idle past {@link #IDLE_NANOS} are
     * dropped as the map is written, so it holds at most the peers of the last two minutes.
     */
    private final HashMap<Integer, Long> streamActivity = new HashMap<>();

    /** Latest time {@link #streamActivity} was swept. */
    private long sweptAt;

    /** Encodes and decodes everything sent, as a real wire would. */
    private final WireLoopback wire;

    /**
     * @param index          this node's index
     * @param address        this node's address
     * @param core           its node core
     * @param indexOfAddress every node's index by address
     * @param observer       who measures the run
     */
    public ClusterSimNode(int index, String address, NodeCore core, Map<String, Integer> indexOfAddress,
                          ClusterObserver observer) {
        this.wire = new WireLoopback(core.membership().config().packetBudget());
        this.index = index;
        this.address = Objects.requireNonNull(address, "address");
        this.core = Objects.requireNonNull(core, "core");
        this.indexOfAddress = Objects.requireNonNull(indexOfAddress, "indexOfAddress");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The node core, for inspection. */
    public NodeCore core() {
        return core;
    }

    /** Messages sent to addresses no node has. */
    public long unknownAddress() {
        return unknownAddress;
    }

    /** Whether this node would hold a stream open with node {@code peer} at {@code now}. */
    boolean streamOpenWith(int peer, long now) {
        Long last = streamActivity.get(peer);
        return last != null && now - last <= IDLE_NANOS;
    }

    private void streamUsed(int peer, long now) {
        streamActivity.put(peer, now);
        if (now - sweptAt > IDLE_NANOS) {
            streamActivity.values().removeIf(t -> now - t > IDLE_NANOS);
            sweptAt = now;
        }
    }

    @Override
    public void handle(NodeInput input, long now, Simulation.Outbox<NodeInput> out) {
        if (input instanceof NodeInput.Join j) {
            seeds = j.seedAddresses();
        } else if (input instanceof NodeInput.FrameReceived f) {
            Integer from = indexOfAddress.get(f.fromAddress());
            if (from != null) {
                streamUsed(from, now);
            }
        }
        core.handle(input, now, o -> {
            if (o instanceof NodeOutput.SendPacket p) {
                int to = indexOfAddress.getOrDefault(p.toAddress(), -1);
                List<SwimMessage> carried = wire.carry(p.messages());
                observer.packetSent(index, to, p, wire.lastBytes(), now);
                if (to < 0) {
                    unknownAddress++;
                    return;
                }
                out.send(to, new NodeInput.PacketReceived(address, carried), Simulation.Link.DATAGRAM);
            } else if (o instanceof NodeOutput.SendFrame f) {
                int to = indexOfAddress.getOrDefault(f.toAddress(), -1);
                Frame carried = wire.carry(f.frame());
                observer.frameSent(index, to, f, wire.lastBytes(), now);
                if (to < 0) {
                    unknownAddress++;
                    return;
                }
                streamUsed(to, now);
                out.send(to, new NodeInput.FrameReceived(address, carried), Simulation.Link.RELIABLE);
            } else if (o instanceof NodeOutput.ScheduleTimer t) {
                out.timer(t.delayNanos(), new NodeInput.TimerFired(t.timer()));
            } else if (o instanceof NodeOutput.Delivered d) {
                observer.delivered(index, d.delivery(), now);
            } else if (o instanceof NodeOutput.MembershipChanged m) {
                observer.membershipChanged(index, m.event(), now);
            } else if (o instanceof NodeOutput.ResolveSeeds) {
                out.timer(0, new NodeInput.SeedsResolved(seeds)); // simulated names resolve to themselves
            } else {
                throw new IllegalStateException("unhandled output " + o);
            }
        });
    }
}
