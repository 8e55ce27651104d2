package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.DeliveryOverflow;
import io.plumtree.engine.MessageId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DeliveryOverflow#DROP}: a node whose listener is stuck keeps at most {@code maxDeliveryBacklog} deliveries
 * waiting, counts the ones it drops, and keeps reading, so the other nodes deliver everything without waiting for it.
 */
class DeliveryOverflowTest {

    @Test
    void aStuckListenersBacklogIsCappedAndItsDropsCountedWhileTheOthersGetEverything() throws Exception {
        int bound = 10;
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("o", 3, b -> b);
            ClusterNode stuck = cluster.start(LocalCluster.config("stuck").maxDeliveryBacklog(bound)
                    .deliveryOverflow(DeliveryOverflow.DROP).build());
            stuck.join(List.of(nodes.get(0).address())).get();
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 4));
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong stuckDelivered = new AtomicLong();
            stuck.addDeliveryListener(d -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stuckDelivered.incrementAndGet();
            });

            List<MessageId> published = new ArrayList<>();
            long worstBacklog = 0;
            for (int k = 0; k < 100; k++) {
                published.add(nodes.get(0).broadcast(("m" + k).getBytes()).get());
                worstBacklog = Math.max(worstBacklog, stuck.stats().deliveryBacklog());
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    assertThat(cluster.idsDeliveredBy(n)).containsAll(published);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> stuck.stats().deliveriesDropped() >= 100 - bound);
            worstBacklog = Math.max(worstBacklog, stuck.stats().deliveryBacklog());
            assertThat(worstBacklog).as("the stuck node's backlog").isLessThanOrEqualTo(bound);
            assertThat(stuck.stats().deliveriesDropped()).as("dropped, counted").isEqualTo(100 - bound);
            assertThat(nodes).allMatch(n -> n.stats().deliveriesDropped() == 0);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> stuckDelivered.get() == bound);
            assertThat(stuck.stats().deliveryBacklog()).isZero();
        }
    }
}
