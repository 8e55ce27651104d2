package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.MembershipListener;
import io.plumtree.engine.NodeId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the application knows about its node's place in the cluster: whether it runs, which other members are live,
 * since when it has been alone, and why the last join failed. Fed by {@link ClusterNodeLifecycle} and by membership
 * events; read by the health contributor and the endpoint. Thread-safe.
 */
public final class ClusterStatus implements MembershipListener {

    private final NodeId self;
    private final Clock clock;
    /** Names of the other live members (bounded by the cluster's size). */
    private final Set<NodeId> liveOthers = ConcurrentHashMap.newKeySet();
    /** Whether the node has been started by the lifecycle and not stopped. */
    private volatile boolean running;
    /** Since when no other member has been live, or null while some are. */
    private volatile Instant aloneSince;
    /** Why the last join attempt failed, or null when none failed or the node has since joined. */
    private volatile String lastJoinFailure;

    /**
     * @param self  this node's name, whose own events are ignored
     * @param clock the time source of {@link #aloneFor()}
     */
    public ClusterStatus(NodeId self, Clock clock) {
        this.self = self;
        this.clock = clock;
    }

    /** The node was started: it is alone until a member is seen. */
    public void started() {
        running = true;
        synchronized (this) {
            if (liveOthers.isEmpty() && aloneSince == null) {
                aloneSince = clock.instant();
            }
        }
    }

    /** The node was stopped. */
    public void stopped() {
        running = false;
    }

    /** A join attempt failed for {@code reason}. */
    public void joinFailed(String reason) {
        lastJoinFailure = reason;
    }

    /** A join succeeded. */
    public void joined() {
        lastJoinFailure = null;
    }

    @Override
    public void onMembershipEvent(MembershipEvent event) {
        ClusterMember m = event.member();
        if (m.name().equals(self) || event.kind() == MembershipEvent.Kind.CONFLICT) {
            return;
        }
        synchronized (this) {
            if (m.live()) {
                liveOthers.add(m.name());
                aloneSince = null;
                lastJoinFailure = null;
            } else {
                liveOthers.remove(m.name());
                if (liveOthers.isEmpty() && aloneSince == null) {
                    aloneSince = clock.instant();
                }
            }
        }
    }

    /** Whether the node runs. */
    public boolean running() {
        return running;
    }

    /** How many other members are live. */
    public int liveOthers() {
        return liveOthers.size();
    }

    /** How long the node has been without any other live member, or empty while it has some. */
    public Optional<Duration> aloneFor() {
        Instant since = aloneSince;
        return since == null ? Optional.empty() : Optional.of(Duration.between(since, clock.instant()));
    }

    /** Why the last join attempt failed, if it did and the node has not joined since. */
    public Optional<String> lastJoinFailure() {
        return Optional.ofNullable(lastJoinFailure);
    }
}
