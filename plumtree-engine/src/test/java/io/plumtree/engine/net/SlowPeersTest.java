package io.plumtree.engine.net;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterOverloadedException;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.wire.WireLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow listeners: their node stops reading streams once its backlog is over the bound, the publisher's queues to it
 * fill up to their byte bound, eager pushes are dropped and the peers demoted, and a broadcast that cannot be queued
 * fails with a clear exception. Once the listeners catch up, broadcasting works again.
 */
class SlowPeersTest {

    private static final int PAYLOAD = 10_000;
    private static final long PEER_BOUND = 128 * 1024;
    private static final long TOTAL_BOUND = 160 * 1024;
    private static final int BACKLOG_BOUND = 10;

    @Test
    void fullQueuesDemotePeersAndRefuseBroadcastsUntilTheyDrain() throws Exception {
        UnaryOperator<ClusterConfig.Builder> small = b -> b
                .wireLimits(new WireLimits(1_500, 64 * 1024 + 4_096, 64 * 1024, 4_096, 4_096, 100_000))
                .broadcast(PlumtreeConfig.local().toBuilder().maxPayloadBytes(64 * 1024).build())
                .maxQueuedBytesPerPeer(PEER_BOUND).maxQueuedBytes(TOTAL_BOUND).maxDeliveryBacklog(BACKLOG_BOUND)
                // back-pressure only at the bound itself, so what is shown here is the last resort behind it
                .backPressureBytes(PEER_BOUND)
                // delivery order off: a gap that fills releases the messages held behind it at once (up to 4,096 per
                // origin, DeliveryOrderTest), which would blur the read-pause bound this test measures
                .deliveryOrderWait(Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blockSecond = new AtomicBoolean();
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("b", 3, small);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));
            ClusterNode publisher = nodes.get(0);
            nodes.get(1).addDeliveryListener(d -> waitFor(release));
            nodes.get(2).addDeliveryListener(d -> {
                if (blockSecond.get()) {
                    waitFor(release);
                }
            });

            // one slow peer: its queue fills to its bound, pushes to it are dropped and it is demoted
            for (int i = 0; i < 50_000 && publisher.stats().congestedPushes() == 0; i++) {
                publish(publisher);
            }
            assertThat(publisher.stats().congestedPushes()).isPositive();
            assertThat(nodes.get(1).stats().deliveryBacklog()).as("the slow node's backlog")
                    .isLessThan(BACKLOG_BOUND + 64);

            // both peers slow: the queues together pass their bound and broadcasts are refused
            blockSecond.set(true);
            ClusterOverloadedException refused = null;
            // keep publishing for up to 20 s: a peer demoted in phase 1 gets announcements, not payloads, and its queue
            // fills more slowly than by attempt count
            long until = System.nanoTime() + 20_000_000_000L;
            while (refused == null && System.nanoTime() - until < 0) {
                refused = publish(publisher);
            }
            assertThat(refused).as("a refused broadcast").isNotNull();
            assertThat(refused).hasMessageContaining("maxQueuedBytes");
            assertThat(publisher.stats().queuedBytes()).isLessThanOrEqualTo(2 * PEER_BOUND);
            for (ClusterNode slow : nodes.subList(1, 3)) {
                assertThat(slow.stats().deliveryBacklog()).as("backlog at " + slow.name())
                        .isLessThan(BACKLOG_BOUND + 64);
            }

            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().queuedBytes() == 0);
            MessageId after = publisher.broadcast(new byte[PAYLOAD]).get();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    List<MessageId> got = cluster.idsDeliveredBy(n);
                    assertThat(got).contains(after);
                    assertThat(new HashSet<>(got)).hasSize(got.size());
                }
            });
            assertThat(nodes.get(1).stats().liveMembers()).isEqualTo(3);
        }
    }

    /** Broadcasts one payload; answers the refusal, or null when it was accepted. */
    private static ClusterOverloadedException publish(ClusterNode publisher) throws InterruptedException {
        try {
            publisher.broadcast(new byte[PAYLOAD]).get();
            return null;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ClusterOverloadedException.class);
            return (ClusterOverloadedException) e.getCause();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
