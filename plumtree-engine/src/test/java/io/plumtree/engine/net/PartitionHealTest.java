package io.plumtree.engine.net;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.membership.SwimConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7 on real sockets: six nodes cut 3 / 3 (each side's {@link InjectedFaults} cut the other side's addresses)
 * for longer than it takes each side to declare the other failed and forget it (gossip to the dead shortened to 2 s
 * so that happens within the test's time), with broadcasts published on both sides during the cut. After the heal
 * the reconnect re-merges the sides, and every node delivers every broadcast exactly once.
 */
class PartitionHealTest {

    @Test
    void aCutLongerThanTheDeadAreRememberedHealsAndEveryBroadcastArrivesOnce() throws Exception {
        int n = 6;
        List<InjectedFaults> faults = new ArrayList<>();
        SwimConfig membership = SwimConfig.local().toBuilder().gossipToTheDeadTime(Duration.ofSeconds(2))
                .reconnectInterval(Duration.ofMillis(500)).build();
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("h", n, b -> {
                InjectedFaults f = new InjectedFaults();
                faults.add(f);
                return b.membership(membership).linkFaults(f);
            });
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(node -> node.stats().liveMembers() == n));
            List<ClusterNode> left = nodes.subList(0, n / 2);
            List<ClusterNode> right = nodes.subList(n / 2, n);
            Map<ClusterNode, ConcurrentLinkedQueue<MembershipEvent>> events = new HashMap<>();
            for (ClusterNode node : nodes) {
                ConcurrentLinkedQueue<MembershipEvent> e = new ConcurrentLinkedQueue<>();
                node.addMembershipListener(e::add);
                events.put(node, e);
            }

            for (int i = 0; i < n; i++) {
                faults.get(i).cut((i < n / 2 ? right : left).stream().map(ClusterNode::address).toList());
            }
            List<MessageId> published = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                published.add(left.get(1).broadcast(("left " + k).getBytes()).get());
                published.add(right.get(1).broadcast(("right " + k).getBytes()).get());
                Thread.sleep(100);
            }
            // each side declares the other failed, then forgets it (gossipToTheDeadTime later)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ClusterNode node : nodes) {
                    List<ClusterNode> other = left.contains(node) ? right : left;
                    assertThat(node.members()).extracting(ClusterMember::address)
                            .doesNotContainAnyElementsOf(other.stream().map(ClusterNode::address).toList());
                }
            });
            for (ClusterNode node : left) {
                assertThat(events.get(node)).as("failed, not left").anyMatch(e -> e.kind()
                        == MembershipEvent.Kind.FAILED).noneMatch(e -> e.kind() == MembershipEvent.Kind.LEFT);
            }

            faults.forEach(InjectedFaults::heal);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (ClusterNode node : nodes) {
                    assertThat(node.members()).filteredOn(m -> m.status() == ClusterMember.Status.ALIVE)
                            .as("members of " + node.name()).hasSize(n);
                }
            });
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
            assertThat(faults).allMatch(f -> f.framesDropped() + f.datagramsDropped() > 0);
        }
    }
}
