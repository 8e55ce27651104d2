package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.MessageId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loss and delay on real sockets: five nodes each losing 20 % of the datagrams and frames they send, datagrams held
 * back 1–20 ms. Every broadcast still reaches every node exactly once (announcements, grafts and digests repair the
 * lost pushes), and no member is declared failed (indirect probes, the stream fallback and Lifeguard absorb the lost
 * probes).
 */
class LossyLinksTest {

    @Test
    void twentyPercentLossLosesNoBroadcastAndFailsNoMember() throws Exception {
        int n = 5;
        List<InjectedFaults> faults = new ArrayList<>();
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("l", n, b -> {
                InjectedFaults f = new InjectedFaults();
                faults.add(f);
                return b.linkFaults(f);
            });
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(node -> node.stats().liveMembers() == n));
            ConcurrentLinkedQueue<MembershipEvent> events = new ConcurrentLinkedQueue<>();
            nodes.forEach(node -> node.addMembershipListener(events::add));
            for (InjectedFaults f : faults) {
                f.loss(0.2);
                f.delay(Duration.ofMillis(1), Duration.ofMillis(20));
            }

            List<MessageId> published = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            for (int k = 0; System.nanoTime() - end < 0; k++) {
                published.add(nodes.get(k % 2).broadcast(("m" + k).getBytes()).get());
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (ClusterNode node : nodes) {
                    assertThat(cluster.idsDeliveredBy(node)).as("deliveries of " + node.name())
                            .containsAll(published);
                }
            });
            for (ClusterNode node : nodes) {
                assertThat(cluster.idsDeliveredBy(node)).as("exactly once at " + node.name())
                        .doesNotHaveDuplicates().hasSize(published.size());
            }
            assertThat(events).as("no member declared failed under loss")
                    .noneMatch(e -> e.kind() == MembershipEvent.Kind.FAILED);
            assertThat(faults).allMatch(f -> f.datagramsDropped() > 0 && f.framesDropped() > 0);
        }
    }
}
