package io.plumtree.engine.net;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterStats;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.wire.WireLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A back-to-back publisher, relays (the publisher pushes to two peers, the others get its messages through them) and
 * one member whose listener is slow, on real sockets: the in-flight window holds the publisher to the slow member's
 * pace, so nothing is given up and every node delivers every message once (docs/broadcast.md, departure 9). Without
 * the window ({@code maxInFlight} 0) the same run left a node 1,611 messages short after a minute. A few pushes may
 * still meet a full queue (the slow node grafts what it reads late); Plumtree repairs them, as the assertions show.
 */
class InFlightWindowNodeTest {

    private static final int NODES = 5;
    private static final int MESSAGES = 20_000;
    private static final int PAYLOAD = 1_024;
    private static final int WINDOW = 256;
    private static final long PEER_BOUND = 256 * 1024;

    @Test
    void theWindowHoldsAPublisherToItsSlowestMemberThroughRelays() throws Exception {
        UnaryOperator<ClusterConfig.Builder> tight = b -> b
                .wireLimits(new WireLimits(1_500, 64 * 1024 + 4_096, 64 * 1024, 4_096, 4_096, 100_000))
                .broadcast(PlumtreeConfig.local().toBuilder().maxPayloadBytes(64 * 1024)
                        .eagerFanout(2).maxEagerPeers(2).maxInFlight(WINDOW).build())
                .maxQueuedBytesPerPeer(PEER_BOUND).backPressureBytes(PEER_BOUND / 4)
                .maxDeliveryBacklog(500)
                .broadcastTimeout(Duration.ofSeconds(30));
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("w", NODES, tight);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == NODES));
            AtomicLong slowDeliveries = new AtomicLong();
            nodes.get(NODES - 1).addDeliveryListener(d -> {
                if (slowDeliveries.incrementAndGet() % 16 == 0) {
                    sleepMillis(1);
                }
            });
            ClusterNode publisher = nodes.get(0);
            Semaphore outstanding = new Semaphore(1_024);
            AtomicLong failed = new AtomicLong();
            long maxInFlight = 0;
            for (int i = 0; i < MESSAGES; i++) {
                outstanding.acquire();
                publisher.broadcast(new byte[PAYLOAD]).whenComplete((id, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                    outstanding.release();
                });
                if (i % 1_000 == 0) {
                    maxInFlight = Math.max(maxInFlight, publisher.stats().inFlight());
                }
            }
            outstanding.acquire(1_024);

            assertThat(failed).as("broadcasts refused").hasValue(0);
            assertThat(maxInFlight).as("unacknowledged broadcasts seen").isPositive().isLessThanOrEqualTo(WINDOW);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    List<MessageId> got = cluster.idsDeliveredBy(n);
                    assertThat(got).as("delivered by " + n.name()).hasSize(MESSAGES);
                    assertThat(new HashSet<>(got)).hasSize(MESSAGES);
                }
            });
            for (ClusterNode n : nodes) {
                ClusterStats s = n.stats();
                assertThat(s.broadcast().gapsGivenUp()).as(n.name() + ": messages given up").isZero();
                assertThat(s.broadcast().membersLeftBehind()).as(n.name() + ": members left behind").isZero();
            }
            assertThat(nodes.get(1).stats().broadcast().acksSent()).as("acknowledgements from a member")
                    .isGreaterThanOrEqualTo(MESSAGES / (WINDOW / 8) - 1);
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
