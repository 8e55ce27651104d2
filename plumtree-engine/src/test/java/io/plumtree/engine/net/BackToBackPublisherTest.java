package io.plumtree.engine.net;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.wire.WireLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher that posts its next broadcast as soon as an earlier one is accepted, as fast as the loop takes them,
 * while its peers keep up: back-pressure holds it at the mark, so no queue reaches its bound, no eager push is dropped
 * and every node delivers every message once. (The loop once ran every command posted while it was running them: such
 * a publisher kept it in one turn, whose frames are written only at its end, until the per-peer bound dropped pushes and
 * demoted both peers, and at full speed the lazy repair lost messages.)
 */
class BackToBackPublisherTest {

    private static final int MESSAGES = 30_000;
    private static final int PAYLOAD = 1_024;
    private static final long PEER_BOUND = 256 * 1024;

    /** A 128-bit AES-GCM key shared by the sealed cluster. */
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void backPressureHoldsABackToBackPublisherBelowEveryQueueBound() throws Exception {
        publishBackToBackAndCheck(b -> b);
    }

    /**
     * The same burst with every frame sealed: runs are sealed one frame per peer (each with its own nonce) instead of
     * one shared encoding, and still every node delivers every message once, in order.
     */
    @Test
    void aSealedClusterTakesTheSameBurstAsRuns() throws Exception {
        publishBackToBackAndCheck(b -> b.keys(List.of(KEY)));
    }

    private static void publishBackToBackAndCheck(UnaryOperator<ClusterConfig.Builder> keys) throws Exception {
        UnaryOperator<ClusterConfig.Builder> tight = b -> keys.apply(b
                .wireLimits(new WireLimits(1_500, 64 * 1024 + 4_096, 64 * 1024, 4_096, 4_096, 100_000))
                .broadcast(PlumtreeConfig.local().toBuilder().maxPayloadBytes(64 * 1024).build())
                .maxQueuedBytesPerPeer(PEER_BOUND).backPressureBytes(PEER_BOUND / 4)
                .broadcastTimeout(Duration.ofSeconds(30)));
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("p", 3, tight);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));
            ClusterNode publisher = nodes.get(0);
            Semaphore inFlight = new Semaphore(1_024);
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < MESSAGES; i++) {
                inFlight.acquire();
                publisher.broadcast(new byte[PAYLOAD]).whenComplete((id, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(1_024);

            assertThat(failed).as("broadcasts refused").hasValue(0);
            assertThat(publisher.stats().congestedPushes()).as("eager pushes dropped at a full queue").isZero();
            assertThat(publisher.stats().framesSent())
                    .as("frames sent: bursts of its own broadcasts leave as runs, not a frame per message and peer")
                    .isLessThan(MESSAGES / 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ClusterNode n : nodes) {
                    List<MessageId> got = cluster.idsDeliveredBy(n);
                    assertThat(got).as("delivered by " + n.name()).hasSize(MESSAGES);
                    assertThat(new HashSet<>(got)).hasSize(MESSAGES);
                    assertThat(got).as("in the publisher's order at " + n.name())
                            .isSortedAccordingTo(Comparator.comparingLong(MessageId::sequence));
                }
            });
            for (ClusterNode n : nodes) {
                assertThat(n.stats().inputDropped().values()).as("input dropped at " + n.name()).containsOnly(0L);
            }
        }
    }
}
