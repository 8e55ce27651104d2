package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.StateChange;
import io.plumtree.engine.state.StateConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The replicated key-value state on real sockets: writes spread, subscriptions see them, deletes spread too. */
class ReplicatedStateNodeTest {

    @Test
    void aKeyWrittenOnOneNodeIsSeenAndReportedOnTheOthersAndSoIsItsDeletion() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("s", 3, b -> b.state(StateConfig.local()));
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));
            ConcurrentLinkedQueue<StateChange> seen = new ConcurrentLinkedQueue<>();
            AutoCloseable subscription = nodes.get(2).subscribeState("load/", seen::add);
            NodeId writer = nodes.get(0).name();

            nodes.get(0).putState("load/cpu", "0.42");
            nodes.get(0).putState("other", "x");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    assertThat(n.stateSnapshot().value(writer, "load/cpu")).as("at " + n.name()).isEqualTo("0.42");
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(c ->
                    c.node().equals(writer) && c.key().equals("load/cpu") && "0.42".equals(c.newValue())));
            assertThat(seen).as("only the subscribed prefix").allMatch(c -> c.key().startsWith("load/"));

            nodes.get(0).deleteState("load/cpu");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    assertThat(n.stateSnapshot().value(writer, "load/cpu")).as("at " + n.name()).isNull();
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(c ->
                    c.key().equals("load/cpu") && "0.42".equals(c.oldValue()) && c.newValue() == null));
            subscription.close();

            assertThatThrownBy(() -> nodes.get(1).putState("k", "v".repeat(1 << 20)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aNodeWithoutStateSaysHowToTurnItOn() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            ClusterNode node = cluster.start(LocalCluster.config("plain").build());
            assertThatThrownBy(() -> node.putState("k", "v")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("StateConfig");
        }
    }
}
