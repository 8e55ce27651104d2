package io.plumtree.spring.actuate;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.NodeId;
import io.plumtree.spring.MutableClock;
import io.plumtree.spring.cluster.ClusterStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PlumtreeHealthIndicatorTests {

    private static final Duration ISOLATION = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ClusterNode node;

    @AfterEach
    void close() {
        node.close();
    }

    private PlumtreeHealthIndicator indicator(ClusterStatus status, String... seeds) {
        node = ClusterNode.start(ClusterConfig.builder().preset("local").nodeName("me").bindHost("127.0.0.1")
                .port(0).seeds(seeds).build());
        return new PlumtreeHealthIndicator(node, status, ISOLATION);
    }

    private static MembershipEvent event(MembershipEvent.Kind kind, ClusterMember.Status state) {
        return new MembershipEvent(kind, new ClusterMember(NodeId.of("other"), "127.0.0.1:1", state, 1,
                new byte[0]));
    }

    @Test
    void downWhenStopped() {
        ClusterStatus status = new ClusterStatus(NodeId.of("me"), clock);
        Health health = indicator(status).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "the node is stopped").containsEntry("node", "me");
    }

    @Test
    void upWhenRunningAloneWithoutSeeds() {
        ClusterStatus status = new ClusterStatus(NodeId.of("me"), clock);
        PlumtreeHealthIndicator indicator = indicator(status);
        status.started();
        clock.advance(ISOLATION.multipliedBy(10));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("liveMembers", 1);
    }

    @Test
    void withSeedsUpWhileJoiningThenDownWhenAloneForLongerThanTheIsolationTimeout() {
        ClusterStatus status = new ClusterStatus(NodeId.of("me"), clock);
        PlumtreeHealthIndicator indicator = indicator(status, "127.0.0.1:1");
        status.started();
        status.joinFailed("no seed answered within PT5S");
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        clock.advance(ISOLATION.plusSeconds(1));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("lastJoinFailure", "no seed answered within PT5S");
        assertThat((String) health.getDetails().get("reason")).contains("no other live member for 31 s");
    }

    @Test
    void upWhenAnotherMemberIsLiveAndDownAgainWhenCutOffForLong() {
        ClusterStatus status = new ClusterStatus(NodeId.of("me"), clock);
        PlumtreeHealthIndicator indicator = indicator(status, "127.0.0.1:1");
        status.started();
        clock.advance(ISOLATION.plusSeconds(1));
        status.onMembershipEvent(event(MembershipEvent.Kind.JOINED, ClusterMember.Status.ALIVE));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("liveMembers", 2);

        status.onMembershipEvent(event(MembershipEvent.Kind.FAILED, ClusterMember.Status.DEAD));
        clock.advance(ISOLATION.minusSeconds(1));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(2));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
