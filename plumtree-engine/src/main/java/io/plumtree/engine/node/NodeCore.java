package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeInput;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.Swim;
import io.plumtree.engine.membership.SwimInput;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.state.ReplicatedState;
import io.plumtree.engine.state.StateInput;
import io.plumtree.engine.state.StateOutput;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One whole node, sans-IO: SWIM membership and Plumtree broadcast wired together. Membership feeds the broadcast
 * trees (DESIGN.md rule 6): a member that joins becomes a Plumtree neighbour, one that fails or leaves stops being
 * one, so the trees repair themselves. Plumtree names peers; this class turns names into the addresses membership
 * knows.
 *
 * <h2>How a driver uses it</h2>
 * <ol>
 *   <li>Hand it {@link NodeInput.Start}, then {@link NodeInput.Join} with the seed addresses.</li>
 *   <li>Feed it every datagram ({@link NodeInput.PacketReceived}), every stream frame
 *       ({@link NodeInput.FrameReceived}), every fired timer and every command, each with the current time from one
 *       monotonic clock, on one thread.</li>
 *   <li>Carry out the outputs in order: {@link NodeOutput.SendPacket} as one datagram, {@link NodeOutput.SendFrame}
 *       over the stream to that address, {@link NodeOutput.ScheduleTimer} by handing the timer back after the delay,
 *       {@link NodeOutput.Delivered} and {@link NodeOutput.MembershipChanged} to the application.</li>
 * </ol>
 */
public final class NodeCore {

    /** Most messages held for order per origin. */
    private static final int MAX_HELD_PER_ORIGIN = 4096;
    /** Most origins whose order is tracked. */
    private static final int MAX_ORDERED_ORIGINS = 65_536;

    private final NodeId self;
    private final Swim swim;
    private final Plumtree plumtree;

    /** The replicated key-value state, or null when this node runs without it. */
    private final ReplicatedState state;

    /** Puts deliveries in per-origin order, or null when they go out as Plumtree delivers them. */
    private final DeliveryOrder order;

    /** Broadcast messages not sent because membership knew no live address for the peer. */
    private long unroutable;

    /**
     * A node that hands deliveries on as Plumtree delivers them (each once, not always in sequence order).
     *
     * @param swim     this node's membership core
     * @param plumtree this node's broadcast core; its name must be the membership core's
     */
    public NodeCore(Swim swim, Plumtree plumtree) {
        this(swim, plumtree, Duration.ZERO);
    }

    /**
     * A node that hands deliveries on in per-origin sequence order, holding a message whose predecessors are missing
     * for up to {@code orderWait} (see {@link DeliveryOrder}); {@link Duration#ZERO} turns ordering off.
     *
     * @param swim      this node's membership core
     * @param plumtree  this node's broadcast core; its name must be the membership core's
     * @param orderWait longest wait for a missing predecessor
     */
    public NodeCore(Swim swim, Plumtree plumtree, Duration orderWait) {
        this(swim, plumtree, orderWait, null);
    }

    /**
     * A node with per-origin delivery order (see {@link #NodeCore(Swim, Plumtree, Duration)}) and the replicated
     * key-value state, whose peers are the live members.
     *
     * @param state the state core, named as this node; null for none
     */
    public NodeCore(Swim swim, Plumtree plumtree, Duration orderWait, ReplicatedState state) {
        this.state = state;
        if (state != null && !state.self().equals(plumtree.self())) {
            throw new IllegalStateException("state core is " + state.self() + ", not " + plumtree.self());
        }
        this.order = orderWait.isZero() ? null
                : new DeliveryOrder(orderWait.toNanos(), MAX_HELD_PER_ORIGIN, MAX_ORDERED_ORIGINS);
        this.swim = Objects.requireNonNull(swim, "swim");
        this.plumtree = Objects.requireNonNull(plumtree, "plumtree");
        this.self = plumtree.self();
        if (swim.member(self) == null) {
            throw new IllegalStateException("membership core does not know " + self + " as itself");
        }
    }

    /**
     * Handles one input at {@code nowNanos}.
     *
     * @throws io.plumtree.engine.broadcast.PayloadTooLargeException if a broadcast is too large; nothing was sent
     */
    public void handle(NodeInput input, long nowNanos, Consumer<? super NodeOutput> out) {
        if (input instanceof NodeInput.PacketReceived p) {
            membership(new SwimInput.PacketReceived(p.fromAddress(), p.messages()), nowNanos, out);
        } else if (input instanceof NodeInput.FrameReceived f) {
            onFrame(f, nowNanos, out);
        } else if (input instanceof NodeInput.TimerFired t) {
            if (t.timer() instanceof NodeTimer.Membership m) {
                membership(new SwimInput.TimerFired(m.timer()), nowNanos, out);
            } else if (t.timer() instanceof NodeTimer.Broadcast b) {
                broadcast(new PlumtreeInput.TimerFired(b.timer()), nowNanos, out);
            } else if (t.timer() instanceof NodeTimer.Ordering o && order != null) {
                order.onTimer(o.origin(), nowNanos, orderSink(out));
            } else if (t.timer() instanceof NodeTimer.State st && state != null) {
                state(new StateInput.TimerFired(st.timer()), nowNanos, out);
            }
        } else if (input instanceof NodeInput.Broadcast b) {
            broadcast(new PlumtreeInput.Broadcast(b.payload()), nowNanos, out);
        } else if (input instanceof NodeInput.Start) {
            membership(new SwimInput.Start(), nowNanos, out);
            if (state != null) {
                state(new StateInput.Start(), nowNanos, out);
            }
        } else if (input instanceof NodeInput.StateCommand c) {
            if (state == null) {
                throw new IllegalStateException("this node runs without replicated state");
            }
            state(c.command(), nowNanos, out);
        } else if (input instanceof NodeInput.Join j) {
            membership(new SwimInput.Join(j.seedAddresses()), nowNanos, out);
        } else if (input instanceof NodeInput.SeedsResolved r) {
            membership(new SwimInput.SeedsResolved(r.seedAddresses()), nowNanos, out);
        } else if (input instanceof NodeInput.Leave) {
            membership(new SwimInput.Leave(), nowNanos, out);
        } else if (input instanceof NodeInput.PeerCongested c) {
            broadcast(new PlumtreeInput.PeerCongested(c.peer(), c.id(), c.hops()), nowNanos, out);
        } else if (input instanceof NodeInput.UpdateMetadata u) {
            membership(new SwimInput.UpdateMetadata(u.metadata()), nowNanos, out);
        } else if (input instanceof NodeInput.StreamLost l) {
            membership(new SwimInput.StreamLost(l.address()), nowNanos, out);
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
    }

    private void onFrame(NodeInput.FrameReceived f, long now, Consumer<? super NodeOutput> out) {
        if (f.frame() instanceof Frame.Membership m) {
            membership(new SwimInput.StreamReceived(f.fromAddress(), m.message()), now, out);
        } else if (f.frame() instanceof Frame.Broadcast b) {
            broadcast(new PlumtreeInput.Received(b.from(), b.message()), now, out);
        } else if (f.frame() instanceof Frame.State st && state != null) {
            state(new StateInput.Received(st.from(), st.message()), now, out);
        }
        // Frame.Hello belongs to the driver's connection handling: nothing to do here.
    }

    private void membership(SwimInput input, long now, Consumer<? super NodeOutput> out) {
        swim.handle(input, now, o -> {
            if (o instanceof SwimOutput.SendPacket p) {
                out.accept(new NodeOutput.SendPacket(p.toAddress(), p.messages()));
            } else if (o instanceof SwimOutput.SendStream s) {
                out.accept(new NodeOutput.SendFrame(s.toAddress(), new Frame.Membership(s.message())));
            } else if (o instanceof SwimOutput.ScheduleTimer t) {
                out.accept(new NodeOutput.ScheduleTimer(t.delayNanos(), new NodeTimer.Membership(t.timer())));
            } else if (o instanceof SwimOutput.MemberEvent e) {
                out.accept(new NodeOutput.MembershipChanged(e));
                onMemberEvent(e, now, out);
            } else if (o instanceof SwimOutput.ResolveSeeds) {
                out.accept(new NodeOutput.ResolveSeeds());
            }
        });
    }

    /** DESIGN.md rule 6: membership feeds broadcast. */
    private void onMemberEvent(SwimOutput.MemberEvent e, long now, Consumer<? super NodeOutput> out) {
        NodeId peer = e.member().id();
        if (peer.equals(self)) {
            return;
        }
        if (state != null) {
            switch (e.kind()) {
                case JOINED -> state(new StateInput.PeerUp(peer), now, out);
                case FAILED -> state(new StateInput.PeerDown(peer), now, out);
                case LEFT -> state(new StateInput.PeerLeft(peer), now, out);
                default -> {
                }
            }
        }
        switch (e.kind()) {
            case JOINED -> broadcast(new PlumtreeInput.NeighborUp(peer), now, out);
            case FAILED, LEFT -> broadcast(new PlumtreeInput.NeighborDown(peer), now, out);
            default -> {
                // UPDATED and CONFLICT change nothing for the trees: addresses are looked up at send time.
            }
        }
    }

    private void broadcast(PlumtreeInput input, long now, Consumer<? super NodeOutput> out) {
        plumtree.handle(input, now, o -> {
            if (o instanceof PlumtreeOutput.Send s) {
                String address = swim.routableAddress(s.to());
                if (address == null) {
                    unroutable++;
                    return;
                }
                out.accept(new NodeOutput.SendFrame(address, new Frame.Broadcast(self, s.message())));
            } else if (o instanceof PlumtreeOutput.ScheduleTimer t) {
                out.accept(new NodeOutput.ScheduleTimer(t.delayNanos(), new NodeTimer.Broadcast(t.timer())));
            } else if (o instanceof PlumtreeOutput.Deliver d) {
                if (order == null) {
                    out.accept(new NodeOutput.Delivered(d));
                } else {
                    order.offer(d, now, () -> plumtree.lowestMissingSequence(d.id().origin()), orderSink(out));
                }
            }
        });
    }

    /** Runs the state core; its peers are addressed through membership, like Plumtree's. */
    private void state(StateInput input, long now, Consumer<? super NodeOutput> out) {
        state.handle(input, now, o -> {
            if (o instanceof StateOutput.Send s) {
                String address = swim.routableAddress(s.to());
                if (address == null) {
                    unroutable++;
                    return;
                }
                out.accept(new NodeOutput.SendFrame(address, new Frame.State(self, s.message())));
            } else if (o instanceof StateOutput.ScheduleTimer t) {
                out.accept(new NodeOutput.ScheduleTimer(t.delayNanos(), new NodeTimer.State(t.timer())));
            } else if (o instanceof StateOutput.KeyChanged k) {
                out.accept(new NodeOutput.StateChanged(k));
            }
        });
    }

    /** The replicated-state core, or null when this node runs without it. */
    public ReplicatedState state() {
        return state;
    }

    private static DeliveryOrder.Sink orderSink(Consumer<? super NodeOutput> out) {
        return new DeliveryOrder.Sink() {
            @Override
            public void release(PlumtreeOutput.Deliver delivery) {
                out.accept(new NodeOutput.Delivered(delivery));
            }

            @Override
            public void wakeUp(NodeId origin, long delayNanos) {
                out.accept(new NodeOutput.ScheduleTimer(delayNanos, new NodeTimer.Ordering(origin)));
            }
        };
    }

    /** Deliveries handed on after a later message of their origin (0 when ordering is off). */
    public long lateDeliveries() {
        return order == null ? 0 : order.late();
    }

    /** Gaps in an origin's sequence given up on after the order wait (0 when ordering is off). */
    public long orderGapsSkipped() {
        return order == null ? 0 : order.gapsSkipped();
    }

    /** This node's name. */
    public NodeId self() {
        return self;
    }

    /** The membership core, for inspection. */
    public Swim membership() {
        return swim;
    }

    /** The broadcast core, for inspection. */
    public Plumtree broadcast() {
        return plumtree;
    }

    /** Broadcast messages dropped because their peer had no live address. */
    public long unroutable() {
        return unroutable;
    }
}
