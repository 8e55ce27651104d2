package io.plumtree.spring.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.spring.MutableClock;
import io.plumtree.spring.event.DeliveredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlumtreeMetricsTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClusterNode node = ClusterNode.start(ClusterConfig.builder().preset("local").nodeName("m")
            .bindHost("127.0.0.1").port(0).build());

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void everyMeterIsNamedPlumtreeWithLowCardinalityTags() {
        new PlumtreeMetrics(node, () -> Map.of("unknown_type", 3L), clock).bindTo(registry);
        Set<String> names = registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder("plumtree.events.published", "plumtree.events.delivered",
                "plumtree.events.duplicates", "plumtree.events.undeliverable", "plumtree.events.listener.failures",
                "plumtree.messages.sent", "plumtree.members", "plumtree.peers", "plumtree.dropped",
                "plumtree.queued.bytes", "plumtree.delivery.backlog", "plumtree.connections",
                "plumtree.delivery.hops", "plumtree.delivery.latency", "plumtree.members.left.behind",
                "plumtree.in.flight");
        assertThat(tagValues("plumtree.messages.sent", "type")).containsExactlyInAnyOrder("gossip", "ihave", "graft",
                "prune", "ack");
        assertThat(tagValues("plumtree.members", "state")).containsExactlyInAnyOrder("alive", "suspect", "dead",
                "left");
        assertThat(tagValues("plumtree.peers", "kind")).containsExactlyInAnyOrder("eager", "lazy");
        assertThat(tagValues("plumtree.dropped", "reason")).contains("foreign_label", "truncated", "forged",
                "send_failed", "congested", "unroutable", "announcement", "delivery_overflow");
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTags()).allSatisfy(t -> assertThat(t.getKey()).isIn("type", "state", "kind",
                    "reason"));
        }
        assertThat(registry.get("plumtree.events.undeliverable").tag("reason", "unknown_type").functionCounter()
                .count()).isEqualTo(3);
        assertThat(registry.get("plumtree.members").tag("state", "alive").gauge().value()).isEqualTo(1);
    }

    @Test
    void countersFollowTheNode() {
        new PlumtreeMetrics(node, Map::of, clock).bindTo(registry);
        node.broadcast(new byte[] {1});
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(2));
            assertThat(registry.get("plumtree.events.published").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("plumtree.events.delivered").functionCounter().count()).isEqualTo(1);
        });
    }

    @Test
    void metersKeepCountingWhenNobodyKeepsTheBinder() {
        new PlumtreeMetrics(node, Map::of, clock).bindTo(registry);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        node.broadcast(new byte[] {1});
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(2));
            assertThat(registry.get("plumtree.events.delivered").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("plumtree.members").tag("state", "alive").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void deliveredEventsRecordHopsAndLatency() {
        PlumtreeMetrics metrics = new PlumtreeMetrics(node, Map::of, clock);
        metrics.bindTo(registry);
        NodeId origin = NodeId.of("o");
        metrics.onApplicationEvent(new DeliveredEvent<>(node, "e", String.class, origin, new MessageId(origin, 1), 3,
                Map.of(), clock.instant().minusMillis(40)));
        assertThat(registry.get("plumtree.delivery.hops").summary().totalAmount()).isEqualTo(3);
        assertThat(registry.get("plumtree.delivery.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(40);
    }

    private Set<String> tagValues(String name, String tag) {
        return registry.find(name).meters().stream().map(m -> m.getId().getTag(tag)).collect(Collectors.toSet());
    }
}
