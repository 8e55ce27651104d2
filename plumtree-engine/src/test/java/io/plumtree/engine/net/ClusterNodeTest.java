package io.plumtree.engine.net;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterStats;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PayloadTooLargeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real nodes on loopback sockets in one JVM. */
class ClusterNodeTest {

    @Test
    void fiveNodesDeliverEveryBroadcastOfTwoPublishersExactlyOnce() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("n", 5, b -> b);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 5));

            List<CompletableFuture<MessageId>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sent.add(nodes.get(0).broadcast(("a" + i).getBytes()));
                sent.add(nodes.get(3).broadcast(("b" + i).getBytes()));
            }
            Set<MessageId> ids = new HashSet<>();
            for (CompletableFuture<MessageId> f : sent) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1000);

            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (ClusterNode n : nodes) {
                        assertThat(cluster.idsDeliveredBy(n)).containsExactlyInAnyOrderElementsOf(ids);
                    }
                });
            } catch (Throwable t) {
                for (ClusterNode n : nodes) {
                    System.err.println("DIAG " + n.name() + " delivered=" + cluster.idsDeliveredBy(n).size() + " "
                            + n.stats() + " " + n.topology());
                }
                throw t;
            }
            for (ClusterNode n : nodes) {
                List<MessageId> got = cluster.idsDeliveredBy(n);
                assertThat(new HashSet<>(got)).as("no duplicates at " + n.name()).hasSize(got.size());
                assertThat(n.stats().inputDroppedTotal()).as("drops at " + n.name()).isZero();
            }
            for (ClusterNode n : nodes) {
                ClusterStats stats = n.stats();
                assertThat(stats.membershipBytesSent()).as("membership bytes of " + n.name()).isPositive()
                        .isLessThan(stats.bytesSent());
            }
            for (ClusterNode n : nodes) {
                for (ClusterNode origin : List.of(nodes.get(0), nodes.get(3))) {
                    List<Long> sequence = cluster.idsDeliveredBy(n).stream()
                            .filter(id -> id.origin().equals(origin.name())).map(MessageId::sequence).toList();
                    assertThat(sequence).as(origin.name() + "'s messages at " + n.name() + " in the order sent")
                            .isSorted();
                }
                assertThat(n.stats().lateDeliveries()).isZero();
            }
        }
    }

    @Test
    void aNodeClosedAbruptlyIsDetectedAndBroadcastsStillReachTheRest() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("c", 4, b -> b);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 4));
            ConcurrentLinkedQueue<MembershipEvent> events = new ConcurrentLinkedQueue<>();
            nodes.get(0).addMembershipListener(events::add);

            ClusterNode victim = nodes.get(2);
            victim.close();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ClusterNode n : List.of(nodes.get(0), nodes.get(1), nodes.get(3))) {
                    ClusterMember m = n.members().stream().filter(x -> x.name().equals(victim.name()))
                            .findFirst().orElseThrow();
                    assertThat(m.status()).isEqualTo(ClusterMember.Status.DEAD);
                }
            });
            assertThat(events).anyMatch(e -> e.kind() == MembershipEvent.Kind.FAILED
                    && e.member().name().equals(victim.name()));

            MessageId id = nodes.get(1).broadcast("after".getBytes()).get();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (ClusterNode n : List.of(nodes.get(0), nodes.get(1), nodes.get(3))) {
                    assertThat(cluster.idsDeliveredBy(n)).contains(id);
                }
            });
        }
    }

    @Test
    void aNodeThatLeavesIsRecordedAsLeftNotFailed() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("l", 3, b -> b);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));
            ClusterNode leaver = nodes.get(1);
            leaver.leave().get();
            leaver.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (ClusterNode n : List.of(nodes.get(0), nodes.get(2))) {
                    assertThat(n.members()).filteredOn(m -> m.name().equals(leaver.name()))
                            .extracting(ClusterMember::status).containsExactly(ClusterMember.Status.LEFT);
                }
            });
        }
    }

    @Test
    void aFailedNodeRestartedUnderItsNameAtANewPortIsBackAndItsNewMessagesAreNotTakenForOldOnes() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("r", 3, b -> b);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));
            ClusterNode first = nodes.get(2);
            MessageId before = first.broadcast("before".getBytes()).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.idsDeliveredBy(nodes.get(0)).contains(before));
            first.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(nodes.get(0).members()).filteredOn(m -> m.name().equals(first.name()))
                            .extracting(ClusterMember::status).containsExactly(ClusterMember.Status.DEAD));

            ClusterNode again = cluster.start(LocalCluster.config("r2").build());
            assertThat(again.address()).isNotEqualTo(first.address());
            again.join(List.of(nodes.get(0).address())).get();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(nodes.get(0).members()).filteredOn(m -> m.name().equals(again.name()))
                        .singleElement().satisfies(m -> {
                            assertThat(m.address()).isEqualTo(again.address());
                            assertThat(m.status()).isEqualTo(ClusterMember.Status.ALIVE);
                        });
            });
            MessageId after = again.broadcast("after".getBytes()).get();
            assertThat(after.sequence()).isGreaterThan(before.sequence());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (ClusterNode n : List.of(nodes.get(0), nodes.get(1))) {
                    assertThat(cluster.idsDeliveredBy(n)).contains(after);
                }
            });
        }
    }

    @Test
    void metadataUpdatesReachEveryMember() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("m", 3, b -> b.metadata("v1".getBytes()));
            nodes.get(2).updateMetadata("v2".getBytes());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    assertThat(n.members()).filteredOn(m -> m.name().equals(nodes.get(2).name()))
                            .extracting(m -> new String(m.metadata())).containsExactly("v2");
                }
            });
            assertThatThrownBy(() -> nodes.get(0).updateMetadata(new byte[10_000]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum");
        }
    }

    @Test
    void refusesPayloadsOverTheLimitAndCommandsAfterClose() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            ClusterNode node = cluster.start(LocalCluster.config("solo").build());
            assertThat(node.join(List.of()).get()).isZero();
            byte[] tooLarge = new byte[node.config().broadcast().maxPayloadBytes() + 1];
            assertThatThrownBy(() -> node.broadcast(tooLarge).get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PayloadTooLargeException.class);
            MessageId own = node.broadcast("x".getBytes()).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.idsDeliveredBy(node).contains(own));
            node.close();
            assertThatThrownBy(() -> node.broadcast("y".getBytes()).get()).hasCauseInstanceOf(
                    IllegalStateException.class);
            ClusterStats stats = node.stats();
            assertThat(stats.broadcast().broadcasts()).isEqualTo(1);
        }
    }

    /**
     * Broadcasts accepted while the node closes but never taken by its network thread (posted behind a turn that was
     * still running when {@code close} stopped the loop) fail with "closed" instead of staying incomplete forever, and
     * a publisher waiting for a place in the full window of pending broadcasts stops waiting and gets the same answer
     * (instead of waiting out {@code broadcastTimeout}). The turn is held deterministically by a listener run on the
     * network thread that blocks until {@code close} waits.
     */
    @Test
    void broadcastsLeftInTheLoopsQueueAtCloseFailInsteadOfHanging() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LocalCluster cluster = new LocalCluster()) {
            ClusterNode node = cluster.start(LocalCluster.config("closing").deliveryExecutor(Runnable::run)
                    .maxPendingBroadcasts(10).broadcastTimeout(Duration.ofSeconds(60)).build());
            assertThat(node.join(List.of()).get()).isZero();
            node.addDeliveryListener(d -> {
                if (entered.getCount() > 0) {
                    entered.countDown();
                    try {
                        release.await(); // holds the network thread inside its turn
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            MessageId first = node.broadcast("first".getBytes()).get(5, TimeUnit.SECONDS);
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<MessageId>> queued = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                queued.add(node.broadcast(("queued " + i).getBytes()));
            }
            CompletableFuture<CompletableFuture<MessageId>> waiting = new CompletableFuture<>();
            Thread publisher = new Thread(() -> waiting.complete(node.broadcast("waits".getBytes())), "publisher");
            publisher.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.getState() == Thread.State.TIMED_WAITING);
            Thread closer = new Thread(node::close, "closer");
            closer.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
                    .as("a publisher waiting for the full window").isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            release.countDown();
            closer.join(TimeUnit.SECONDS.toMillis(15));

            assertThat(first).isNotNull();
            for (CompletableFuture<MessageId> f : queued) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).as("a broadcast queued when the node closed")
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("closed");
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSeedGivenByNameIsLookedUpAndJoined() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            ClusterNode seed = cluster.start(LocalCluster.config("named-seed").build());
            ClusterNode joiner = cluster.start(LocalCluster.config("joiner").build());
            int port = HostPort.parse(seed.address()).port();
            assertThat(joiner.join(List.of("localhost:" + port)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> seed.stats().liveMembers() == 2);
        }
    }

    @Test
    void joinFailsClearlyWhenNoSeedAnswers() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            ClusterNode node = cluster.start(LocalCluster.config("lonely").joinTimeout(Duration.ofMillis(1500))
                    .joinRetryInterval(Duration.ofMillis(300)).build());
            assertThatThrownBy(() -> node.join(List.of("127.0.0.1:9")).get())
                    .hasCauseInstanceOf(io.plumtree.engine.JoinFailedException.class)
                    .hasMessageContaining("127.0.0.1:9");
        }
    }
}
