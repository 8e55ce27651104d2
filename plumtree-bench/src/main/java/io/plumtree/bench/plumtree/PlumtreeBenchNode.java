package io.plumtree.bench.plumtree;

import io.plumtree.bench.node.BenchNode;
import io.plumtree.bench.node.DeliveryRecorder;
import io.plumtree.bench.node.NodeMain;
import io.plumtree.bench.node.NodeOptions;
import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.DeliveryOverflow;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.sim.ConfigOverrides;
import io.plumtree.engine.net.InjectedFaults;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterOverloadedException;
import io.plumtree.engine.ClusterStats;
import io.plumtree.engine.MembershipEvent;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ClusterNode}: {@code lan} preset, 127.0.0.1 at the assigned port, cluster {@code bench}; every node joins
 * node 0. The publisher calls {@link ClusterNode#broadcast} back to back, as an application would: the node keeps at
 * most {@code maxPendingBroadcasts} (its default) broadcasts pending and waits up to {@code broadcastTimeout}
 * ({@value #BROADCAST_TIMEOUT_S} s) for a place among them and for its outbound queues to drain, so full speed is
 * bounded by the engine's back-pressure rather than failing with {@link ClusterOverloadedException}.
 *
 * <p>It also reports membership as events: {@code CONVERGED nanos} when it first sees every node alive, and
 * {@code FAILED name nanos} when it declares a member failed.
 */
public final class PlumtreeBenchNode implements BenchNode {

    /** How long a broadcast may wait for full queues to drain. */
    private static final int BROADCAST_TIMEOUT_S = 60;

    /** Cache and digest lifetime in the partition scenario, seconds: longer than the cut and the heal. */
    private static final int CUT_CACHE_TTL_S = 120;

    private final ClusterNode node;
    /** Faults injected into this node's sends (partition and loss scenarios). */
    private final InjectedFaults faults = new InjectedFaults();
    private final AtomicLong overloaded = new AtomicLong();
    /** Names seen alive, from membership events (this node included); guarded by itself. */
    private final Set<String> alive = new HashSet<>();
    private boolean converged;

    public PlumtreeBenchNode(NodeOptions options, DeliveryRecorder recorder, NodeMain.EventLine events) {
        String name = "n" + options.index();
        ClusterConfig.Builder config = ClusterConfig.builder().preset("lan").nodeName(name).clusterName("bench")
                .bindHost("127.0.0.1").port(options.port()).broadcastTimeout(Duration.ofSeconds(BROADCAST_TIMEOUT_S));
        switch (options.scenario()) {
            case "partition" -> config.linkFaults(faults).broadcast(PlumtreeConfig.lan().toBuilder()
                    // a message published during the cut is recovered after it only while it is cached and in
                    // the digests (DESIGN.md rule 7): both outlive the 60 s cut and the heal here
                    .cacheTtl(Duration.ofSeconds(CUT_CACHE_TTL_S)).digestWindow(Duration.ofSeconds(CUT_CACHE_TTL_S))
                    .seenTtl(Duration.ofSeconds(2 * CUT_CACHE_TTL_S)).build());
            case "loss" -> config.linkFaults(faults);
            case "soak" -> config.deliveryOverflow(DeliveryOverflow.DROP);
            default -> {
            }
        }
        if (!options.set().isEmpty()) {
            config.broadcast(ConfigOverrides.apply(config.build().broadcast(), options.set()));
        }
        if (options.backlog() > 0) {
            config.maxDeliveryBacklog(options.backlog());
        }
        alive.add(name);
        node = ClusterNode.start(config.build());
        int slowMs = options.slowListenerMs();
        node.addDeliveryListener(d -> {
            recorder.delivered(d.payload(), 0);
            if (slowMs > 0) {
                try {
                    Thread.sleep(slowMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        node.addMembershipListener(e -> {
            long now = System.nanoTime();
            String who = e.member().name().name();
            synchronized (alive) {
                if (e.kind() == MembershipEvent.Kind.JOINED) {
                    alive.add(who);
                } else if (e.kind() == MembershipEvent.Kind.FAILED || e.kind() == MembershipEvent.Kind.LEFT) {
                    alive.remove(who);
                }
                if (!converged && alive.size() == options.nodes()) {
                    converged = true;
                    events.print("CONVERGED " + now);
                }
            }
            if (e.kind() == MembershipEvent.Kind.FAILED) {
                events.print("FAILED " + who + " " + now);
            }
        });
    }

    @Override
    public String address() {
        return node.address();
    }

    @Override
    public void join(List<String> addresses) throws Exception {
        if (!addresses.get(0).equals(node.address())) {
            node.join(List.of(addresses.get(0))).get();
        }
    }

    @Override
    public int alive() {
        return node.stats().liveMembers();
    }

    @Override
    public void cut(List<String> addresses) {
        faults.cut(addresses);
    }

    @Override
    public void heal() {
        faults.heal();
    }

    @Override
    public void loss(double probability) {
        faults.loss(probability);
    }

    @Override
    public int aliveStrict() {
        return (int) node.members().stream().filter(m -> m.status() == ClusterMember.Status.ALIVE).count();
    }

    @Override
    public void publish(byte[] payload) throws InterruptedException {
        node.broadcast(payload).whenComplete((id, e) -> {
            if (e != null) {
                overloaded.incrementAndGet();
            }
        });
    }

    @Override
    public String stats() {
        ClusterStats s = node.stats();
        return "membership_bytes=" + s.membershipBytesSent() + " wire_bytes=" + s.bytesSent()
                + " packets=" + s.packetsSent() + " frames=" + s.framesSent() + " sends_dropped=" + s.sendsDropped()
                + " congested_pushes=" + s.congestedPushes() + " suspensions=" + s.backPressureSuspensions() + " gossip=" + s.broadcast().gossipSent() + " ihave=" + s.broadcast().ihaveSent()
                + " grafts=" + s.broadcast().graftSent() + " prunes=" + s.broadcast().pruneSent()
                + " optimizations=" + s.broadcast().optimizations() + " duplicates=" + s.broadcast().duplicates()
                + " announcements_dropped=" + s.broadcast().announcementsDropped()
                + " grafts_unanswerable=" + s.broadcast().graftsUnanswerable()
                + " grafts_abandoned=" + s.broadcast().graftsAbandoned()
                + " grafts_rate_limited=" + s.broadcast().graftsRateLimited()
                + " delivery_backlog=" + s.deliveryBacklog() + " deliveries_dropped=" + s.deliveriesDropped()
                + " faults_dropped=" + (faults.datagramsDropped() + faults.framesDropped())
                + " digest_recoveries=" + s.broadcast().digestRecoveries() + " gaps_given_up=" + s.broadcast().gapsGivenUp()
                + " acks=" + s.broadcast().acksSent() + " left_behind=" + s.broadcast().membersLeftBehind()
                + " queued_bytes=" + s.queuedBytes()
                + " dropped_input=" + s.inputDroppedTotal() + " broadcast_failures=" + overloaded.get() + " live=" + s.liveMembers() + " awareness=" + s.awareness();
    }

    @Override
    public void close() {
        node.close();
    }
}
