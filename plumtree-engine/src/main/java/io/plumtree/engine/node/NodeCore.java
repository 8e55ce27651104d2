package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeInput;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.Member;
import io.plumtree.engine.membership.MemberState;
import io.plumtree.engine.membership.Swim;
import io.plumtree.engine.membership.SwimInput;
import io.plumtree.engine.membership.SwimOutput;

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

    private final NodeId self;
    private final Swim swim;
    private final Plumtree plumtree;

    /** Broadcast messages not sent because membership knew no live address for the peer. */
    private long unroutable;

    /**
     * @param swim     this node's membership core
     * @param plumtree this node's broadcast core; its name must be the membership core's
     */
    public NodeCore(Swim swim, Plumtree plumtree) {
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
            }
        } else if (input instanceof NodeInput.Broadcast b) {
            broadcast(new PlumtreeInput.Broadcast(b.payload()), nowNanos, out);
        } else if (input instanceof NodeInput.Start) {
            membership(new SwimInput.Start(), nowNanos, out);
        } else if (input instanceof NodeInput.Join j) {
            membership(new SwimInput.Join(j.seedAddresses()), nowNanos, out);
        } else if (input instanceof NodeInput.Leave) {
            membership(new SwimInput.Leave(), nowNanos, out);
        } else if (input instanceof NodeInput.PeerCongested c) {
            broadcast(new PlumtreeInput.PeerCongested(c.peer(), c.id(), c.hops()), nowNanos, out);
        } else if (input instanceof NodeInput.UpdateMetadata u) {
            membership(new SwimInput.UpdateMetadata(u.metadata()), nowNanos, out);
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
    }

    private void onFrame(NodeInput.FrameReceived f, long now, Consumer<? super NodeOutput> out) {
        if (f.frame() instanceof Frame.Membership m) {
            membership(new SwimInput.StreamReceived(f.fromAddress(), m.message()), now, out);
        } else if (f.frame() instanceof Frame.Broadcast b) {
            broadcast(new PlumtreeInput.Received(b.from(), b.message()), now, out);
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
            }
        });
    }

    /** DESIGN.md rule 6: membership feeds broadcast. */
    private void onMemberEvent(SwimOutput.MemberEvent e, long now, Consumer<? super NodeOutput> out) {
        NodeId peer = e.member().id();
        if (peer.equals(self)) {
            return;
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
                Member m = swim.member(s.to());
                if (m == null || m.state() == MemberState.DEAD || m.state() == MemberState.LEFT) {
                    unroutable++;
                    return;
                }
                out.accept(new NodeOutput.SendFrame(m.address(), new Frame.Broadcast(self, s.message())));
            } else if (o instanceof PlumtreeOutput.ScheduleTimer t) {
                out.accept(new NodeOutput.ScheduleTimer(t.delayNanos(), new NodeTimer.Broadcast(t.timer())));
            } else if (o instanceof PlumtreeOutput.Deliver d) {
                out.accept(new NodeOutput.Delivered(d));
            }
        });
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
