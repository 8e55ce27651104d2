package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterOverloadedException;
import io.plumtree.engine.MessageId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher that does not wait for its futures, on real sockets: the node keeps at most maxPendingBroadcasts
 * pending. Without a broadcast timeout the ones beyond are refused at once, saying why; with one the publisher is held
 * back and nothing is refused. Either way every accepted broadcast reaches every node once.
 */
class PendingBroadcastsTest {

    private static final int WINDOW = 4;
    private static final int COUNT = 20_000;

    @Test
    void withoutATimeoutBroadcastsBeyondTheWindowAreRefused() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("w", 2, b -> b.maxPendingBroadcasts(WINDOW));
            List<CompletableFuture<MessageId>> futures = publishWithoutWaiting(nodes.get(0));
            List<MessageId> accepted = new ArrayList<>();
            int refused = 0;
            for (CompletableFuture<MessageId> f : futures) {
                try {
                    accepted.add(f.join());
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(ClusterOverloadedException.class)
                            .hasMessageContaining(WINDOW + " broadcasts pending (maxPendingBroadcasts)");
                    refused++;
                }
            }
            assertThat(refused).as("broadcasts refused for a full window").isPositive();
            assertThat(accepted).isNotEmpty();
            everyNodeDeliversExactly(cluster, nodes, accepted);
        }
    }

    @Test
    void withATimeoutThePublisherIsHeldBackAndNothingIsRefused() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("w", 2,
                    b -> b.maxPendingBroadcasts(WINDOW).broadcastTimeout(Duration.ofSeconds(30)));
            List<MessageId> accepted = new ArrayList<>();
            for (CompletableFuture<MessageId> f : publishWithoutWaiting(nodes.get(0))) {
                accepted.add(f.join());
            }
            assertThat(accepted).hasSize(COUNT);
            everyNodeDeliversExactly(cluster, nodes, accepted);
        }
    }

    @Test
    void aPublisherKeepingAtMostTheWindowOutstandingIsNeverRefused() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("w", 2, b -> b.maxPendingBroadcasts(WINDOW));
            Semaphore outstanding = new Semaphore(WINDOW);
            List<CompletableFuture<MessageId>> futures = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                outstanding.acquire();
                // a completed future means its place in the window is free already, even with no broadcast timeout
                futures.add(nodes.get(0).broadcast(new byte[64]).whenComplete((id, e) -> outstanding.release()));
            }
            List<MessageId> accepted = new ArrayList<>();
            for (CompletableFuture<MessageId> f : futures) {
                accepted.add(f.join());
            }
            everyNodeDeliversExactly(cluster, nodes, accepted);
        }
    }

    private static List<CompletableFuture<MessageId>> publishWithoutWaiting(ClusterNode publisher) {
        List<CompletableFuture<MessageId>> futures = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            futures.add(publisher.broadcast(new byte[64]));
        }
        return futures;
    }

    private static void everyNodeDeliversExactly(LocalCluster cluster, List<ClusterNode> nodes,
                                                 List<MessageId> accepted) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ClusterNode n : nodes) {
                List<MessageId> got = cluster.idsDeliveredBy(n);
                assertThat(new HashSet<>(got)).as("at " + n.name()).hasSize(got.size())
                        .containsExactlyInAnyOrderElementsOf(accepted);
            }
        });
    }
}
