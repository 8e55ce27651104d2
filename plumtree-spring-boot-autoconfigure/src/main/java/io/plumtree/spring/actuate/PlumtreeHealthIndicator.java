package io.plumtree.spring.actuate;

import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.cluster.ClusterStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code plumtree} health contributor. UP while the node runs and sees another live member, or runs with no
 * seeds configured (a single node, or the first of a cluster). With seeds configured and no other member live: UP
 * for the isolation timeout (joining, or a brief cut), then DOWN. DOWN when the node is stopped.
 */
public final class PlumtreeHealthIndicator implements HealthIndicator {

    private final ClusterNode node;
    private final ClusterStatus status;
    private final Duration isolationTimeout;

    /**
     * @param node             the node
     * @param status           whether it runs, how long it has been alone
     * @param isolationTimeout how long it may be alone, with seeds configured, before it is DOWN
     */
    public PlumtreeHealthIndicator(ClusterNode node, ClusterStatus status, Duration isolationTimeout) {
        this.node = node;
        this.status = status;
        this.isolationTimeout = isolationTimeout;
    }

    @Override
    public Health health() {
        List<String> seeds = node.config().seeds();
        Health.Builder health = Health.unknown()
                .withDetail("node", node.name().name())
                .withDetail("address", node.address())
                .withDetail("cluster", node.config().clusterName())
                .withDetail("liveMembers", status.liveOthers() + 1)
                .withDetail("seeds", seeds);
        if (!status.running()) {
            return health.down().withDetail("reason", "the node is stopped").build();
        }
        if (status.liveOthers() > 0) {
            return health.up().build();
        }
        if (seeds.isEmpty()) {
            return health.up().withDetail("reason", "no seeds configured: a single node, or the first of a cluster")
                    .build();
        }
        Optional<Duration> alone = status.aloneFor();
        status.lastJoinFailure().ifPresent(f -> health.withDetail("lastJoinFailure", f));
        if (alone.isPresent() && alone.get().compareTo(isolationTimeout) > 0) {
            return health.down().withDetail("reason", "no other live member for " + alone.get().toSeconds()
                    + " s, over plumtree.health.isolation-timeout (" + isolationTimeout + ")").build();
        }
        return health.up().withDetail("reason", "joining: no other live member yet").build();
    }
}
