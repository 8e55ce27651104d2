package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.wire.WireLimits;
import io.plumtree.spring.cluster.MemberMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every {@code plumtree.*} property reaches the engine's configuration, as a user writes it in application.yml. */
class ClusterConfigFactoryTests {

    /** Binds {@code values} as Spring Boot binds application.yml, then builds the configuration. */
    static ClusterConfig config(Map<String, String> values) {
        PlumtreeProperties properties = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("plumtree", Bindable.of(PlumtreeProperties.class));
        return new ClusterConfigFactory(properties).builder("app", () -> "node-1", null).build();
    }

    @Test
    void defaultsAreTheLanPresetAndTheEngineDefaults() {
        ClusterConfig c = config(Map.of());
        ClusterConfig engine = ClusterConfig.builder().nodeName("node-1").build();
        assertThat(c.nodeName().name()).isEqualTo("node-1");
        assertThat(c.clusterName()).isEqualTo("app");
        assertThat(c.membership()).isEqualTo(SwimConfig.lan());
        assertThat(c.broadcast()).isEqualTo(PlumtreeConfig.lan());
        assertThat(c.wireLimits()).isEqualTo(WireLimits.defaults());
        assertThat(c.port()).isEqualTo(engine.port());
        assertThat(c.bindHost()).isEqualTo(engine.bindHost());
        assertThat(c.joinTimeout()).isEqualTo(engine.joinTimeout());
        assertThat(c.joinRetryInterval()).isEqualTo(engine.joinRetryInterval());
        assertThat(c.leavePropagation()).isEqualTo(engine.leavePropagation());
        assertThat(c.connectTimeout()).isEqualTo(engine.connectTimeout());
        assertThat(c.reconnectBackoff()).isEqualTo(engine.reconnectBackoff());
        assertThat(c.maxReconnectBackoff()).isEqualTo(engine.maxReconnectBackoff());
        assertThat(c.idleTimeout()).isEqualTo(engine.idleTimeout());
        assertThat(c.maxQueuedBytes()).isEqualTo(engine.maxQueuedBytes());
        assertThat(c.maxQueuedBytesPerPeer()).isEqualTo(engine.maxQueuedBytesPerPeer());
        assertThat(c.broadcastTimeout()).isEqualTo(engine.broadcastTimeout());
        assertThat(c.maxDeliveryBacklog()).isEqualTo(engine.maxDeliveryBacklog());
        assertThat(c.deliveryExecutor()).isNull();
        assertThat(c.keys()).isEmpty();
        assertThat(c.metadata()).isEmpty();
        assertThat(c.seeds()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void presetSetsMembershipAndBroadcast(String preset) {
        ClusterConfig c = config(Map.of("plumtree.preset", preset));
        assertThat(c.membership()).isEqualTo(SwimConfig.preset(preset));
        assertThat(c.broadcast()).isEqualTo(PlumtreeConfig.preset(preset));
    }

    static Stream<String> presets() {
        return Stream.of("lan", "wan", "local");
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("overrides")
    void eachPropertyOverridesItsValue(String property, String value, Function<ClusterConfig, Object> read,
                                       Object expected) {
        assertThat(read.apply(config(Map.of("plumtree.preset", "local", property, value)))).isEqualTo(expected);
    }

    static Stream<Arguments> overrides() {
        return Stream.of(
                arguments("plumtree.node-name", "web-7", f(c -> c.nodeName().name()), "web-7"),
                arguments("plumtree.cluster-name", "orders", f(ClusterConfig::clusterName), "orders"),
                arguments("plumtree.bind-address", "127.0.0.1", f(ClusterConfig::bindHost), "127.0.0.1"),
                arguments("plumtree.port", "7000", f(ClusterConfig::port), 7000),
                arguments("plumtree.advertise-address", "10.1.2.3", f(ClusterConfig::advertiseHost), "10.1.2.3"),
                arguments("plumtree.advertise-port", "7001", f(ClusterConfig::advertisePort), 7001),
                arguments("plumtree.seeds", "a:1,b:2", f(ClusterConfig::seeds), List.of("a:1", "b:2")),
                arguments("plumtree.leave-propagation", "250ms", f(ClusterConfig::leavePropagation),
                        Duration.ofMillis(250)),
                arguments("plumtree.join.timeout", "3s", f(ClusterConfig::joinTimeout), Duration.ofSeconds(3)),
                arguments("plumtree.join.retry-interval", "200ms", f(ClusterConfig::joinRetryInterval),
                        Duration.ofMillis(200)),
                arguments("plumtree.connection.connect-timeout", "1s", f(ClusterConfig::connectTimeout),
                        Duration.ofSeconds(1)),
                arguments("plumtree.connection.reconnect-backoff", "50ms", f(ClusterConfig::reconnectBackoff),
                        Duration.ofMillis(50)),
                arguments("plumtree.connection.max-reconnect-backoff", "9s", f(ClusterConfig::maxReconnectBackoff),
                        Duration.ofSeconds(9)),
                arguments("plumtree.connection.idle-timeout", "5m", f(ClusterConfig::idleTimeout),
                        Duration.ofMinutes(5)),
                arguments("plumtree.queue.max-bytes-per-peer", "32MB", f(ClusterConfig::maxQueuedBytesPerPeer),
                        32L << 20),
                arguments("plumtree.queue.max-bytes", "128MB", f(ClusterConfig::maxQueuedBytes), 128L << 20),
                arguments("plumtree.queue.back-pressure-bytes", "2MB", f(ClusterConfig::backPressureBytes), 2L << 20),
                arguments("plumtree.queue.broadcast-timeout", "2s", f(ClusterConfig::broadcastTimeout),
                        Duration.ofSeconds(2)),
                arguments("plumtree.delivery.max-backlog", "500", f(ClusterConfig::maxDeliveryBacklog), 500),
                arguments("plumtree.delivery.overflow", "drop", f(ClusterConfig::deliveryOverflow),
                        io.plumtree.engine.DeliveryOverflow.DROP),
                arguments("plumtree.delivery.order-wait", "0s", f(ClusterConfig::deliveryOrderWait), Duration.ZERO),
                arguments("plumtree.metadata.zone", "eu-1", f(c -> MemberMetadata.decode(c.metadata()).orElseThrow()),
                        Map.of("zone", "eu-1")),
                arguments("plumtree.keys", "AAECAwQFBgcICQoLDA0ODw==", f(c -> c.keys().get(0)),
                        new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}),

                arguments("plumtree.membership.probe-interval", "2s", f(c -> c.membership().probeInterval()),
                        Duration.ofSeconds(2)),
                arguments("plumtree.membership.probe-timeout", "300ms", f(c -> c.membership().probeTimeout()),
                        Duration.ofMillis(300)),
                arguments("plumtree.membership.suspicion-mult", "5", f(c -> c.membership().suspicionMult()), 5),
                arguments("plumtree.membership.suspicion-max-timeout-mult", "7",
                        f(c -> c.membership().suspicionMaxTimeoutMult()), 7),
                arguments("plumtree.membership.gossip-interval", "150ms", f(c -> c.membership().gossipInterval()),
                        Duration.ofMillis(150)),
                arguments("plumtree.membership.gossip-nodes", "5", f(c -> c.membership().gossipNodes()), 5),
                arguments("plumtree.membership.retransmit-mult", "6", f(c -> c.membership().retransmitMult()), 6),
                arguments("plumtree.membership.push-pull-interval", "20s",
                        f(c -> c.membership().pushPullInterval()), Duration.ofSeconds(20)),
                arguments("plumtree.membership.join-sync-delay", "0s", f(c -> c.membership().joinSyncDelay()),
                        Duration.ZERO),
                arguments("plumtree.membership.indirect-checks", "2", f(c -> c.membership().indirectChecks()), 2),
                arguments("plumtree.membership.awareness-max-multiplier", "4",
                        f(c -> c.membership().awarenessMaxMultiplier()), 4),
                arguments("plumtree.membership.gossip-to-the-dead-time", "45s",
                        f(c -> c.membership().gossipToTheDeadTime()), Duration.ofSeconds(45)),
                arguments("plumtree.membership.reconnect-interval", "5s",
                        f(c -> c.membership().reconnectInterval()), Duration.ofSeconds(5)),
                arguments("plumtree.membership.reconnect-timeout", "1h",
                        f(c -> c.membership().reconnectTimeout()), Duration.ofHours(1)),
                arguments("plumtree.membership.dead-node-reclaim-time", "1m",
                        f(c -> c.membership().deadNodeReclaimTime()), Duration.ofMinutes(1)),
                arguments("plumtree.membership.packet-budget", "1200B", f(c -> c.membership().packetBudget()), 1200),
                arguments("plumtree.membership.max-metadata-bytes", "256B",
                        f(c -> c.membership().maxMetadataBytes()), 256),
                arguments("plumtree.membership.max-queued-updates", "99",
                        f(c -> c.membership().maxQueuedUpdates()), 99),
                arguments("plumtree.membership.awareness-enabled", "false",
                        f(c -> c.membership().awarenessEnabled()), false),
                arguments("plumtree.membership.dynamic-suspicion", "false",
                        f(c -> c.membership().dynamicSuspicion()), false),
                arguments("plumtree.membership.buddy-system", "false", f(c -> c.membership().buddySystem()), false),

                arguments("plumtree.broadcast.eager-fanout", "4", f(c -> c.broadcast().eagerFanout()), 4),
                arguments("plumtree.broadcast.lazy-fanout", "7", f(c -> c.broadcast().lazyFanout()), 7),
                arguments("plumtree.broadcast.max-eager-peers", "13", f(c -> c.broadcast().maxEagerPeers()), 13),
                arguments("plumtree.broadcast.max-lazy-peers", "25", f(c -> c.broadcast().maxLazyPeers()), 25),
                arguments("plumtree.broadcast.max-trees", "10", f(c -> c.broadcast().maxTrees()), 10),
                arguments("plumtree.broadcast.max-known-peers", "65", f(c -> c.broadcast().maxKnownPeers()), 65),
                arguments("plumtree.broadcast.ihave-interval", "30ms", f(c -> c.broadcast().ihaveInterval()),
                        Duration.ofMillis(30)),
                arguments("plumtree.broadcast.ihave-batch-size", "16", f(c -> c.broadcast().ihaveBatchSize()), 16),
                arguments("plumtree.broadcast.max-pending-ihaves", "100",
                        f(c -> c.broadcast().maxPendingIHaves()), 100),
                arguments("plumtree.broadcast.graft-timeout", "150ms", f(c -> c.broadcast().graftTimeout()),
                        Duration.ofMillis(150)),
                arguments("plumtree.broadcast.graft-max-backoff", "2s", f(c -> c.broadcast().graftMaxBackoff()),
                        Duration.ofSeconds(2)),
                arguments("plumtree.broadcast.graft-max-retries", "3", f(c -> c.broadcast().graftMaxRetries()), 3),
                arguments("plumtree.broadcast.graft-rate-per-second", "12.5",
                        f(c -> c.broadcast().graftRatePerSecond()), 12.5),
                arguments("plumtree.broadcast.graft-burst", "8", f(c -> c.broadcast().graftBurst()), 8),
                arguments("plumtree.broadcast.optimization-threshold", "0",
                        f(c -> c.broadcast().optimizationThreshold()), 0),
                arguments("plumtree.broadcast.cache-ttl", "30s", f(c -> c.broadcast().cacheTtl()),
                        Duration.ofSeconds(30)),
                arguments("plumtree.broadcast.cache-max-messages", "1000",
                        f(c -> c.broadcast().cacheMaxMessages()), 1000),
                arguments("plumtree.broadcast.cache-max-bytes", "32MB", f(c -> c.broadcast().cacheMaxBytes()),
                        32L << 20),
                arguments("plumtree.broadcast.seen-ttl", "3m", f(c -> c.broadcast().seenTtl()),
                        Duration.ofMinutes(3)),
                arguments("plumtree.broadcast.seen-max-entries", "20000",
                        f(c -> c.broadcast().seenMaxEntries()), 20000),
                arguments("plumtree.broadcast.max-payload-bytes", "64KB", f(c -> c.broadcast().maxPayloadBytes()),
                        64 << 10),
                arguments("plumtree.broadcast.per-origin-trees", "false", f(c -> c.broadcast().perOriginTrees()),
                        false),
                arguments("plumtree.broadcast.digest-interval", "3s", f(c -> c.broadcast().digestInterval()),
                        Duration.ofSeconds(3)),
                arguments("plumtree.broadcast.digest-window", "20s", f(c -> c.broadcast().digestWindow()),
                        Duration.ofSeconds(20)),
                arguments("plumtree.broadcast.max-in-flight", "1024", f(c -> c.broadcast().maxInFlight()), 1024),
                arguments("plumtree.broadcast.laggard-timeout", "5s", f(c -> c.broadcast().laggardTimeout()),
                        Duration.ofSeconds(5)),
                arguments("plumtree.broadcast.origin-pushes-to-all", "false",
                        f(c -> c.broadcast().originPushesToAll()), false),

                arguments("plumtree.wire.max-datagram-bytes", "9000B", f(c -> c.wireLimits().maxDatagramBytes()),
                        9000),
                arguments("plumtree.wire.max-frame-bytes", "12MB", f(c -> c.wireLimits().maxFrameBytes()),
                        12 << 20),
                arguments("plumtree.wire.max-payload-bytes", "2MB", f(c -> c.wireLimits().maxPayloadBytes()),
                        2 << 20),
                arguments("plumtree.wire.max-announcements", "100", f(c -> c.wireLimits().maxAnnouncements()), 100),
                arguments("plumtree.wire.max-graft-ids", "200", f(c -> c.wireLimits().maxGraftIds()), 200),
                arguments("plumtree.wire.max-push-pull-states", "300",
                        f(c -> c.wireLimits().maxPushPullStates()), 300));
    }

    @Test
    void theLargeClusterPresetWidensTheBroadcastFanoutOnLanMembership() {
        ClusterConfig c = config(Map.of("plumtree.preset", "large-cluster"));
        assertThat(c.membership()).isEqualTo(SwimConfig.lan());
        assertThat(c.broadcast()).isEqualTo(PlumtreeConfig.largeCluster());
    }

    @Test
    void anOverrideKeepsThePresetsOtherValues() {
        ClusterConfig c = config(Map.of("plumtree.preset", "wan", "plumtree.membership.gossip-nodes", "9"));
        assertThat(c.membership()).isEqualTo(SwimConfig.wan().toBuilder().gossipNodes(9).build());
        assertThat(c.broadcast()).isEqualTo(PlumtreeConfig.wan());
    }

    @Test
    void aBadValueFailsWithItsName() {
        assertThatThrownBy(() -> config(Map.of("plumtree.membership.probe-interval", "100ms",
                "plumtree.membership.probe-timeout", "1s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probeTimeout");
        assertThatThrownBy(() -> config(Map.of("plumtree.keys", "not base64!")))
                .hasMessageContaining("plumtree.keys");
        assertThatThrownBy(() -> config(Map.of("plumtree.preset", "moon")))
                .hasMessageContaining("unknown preset 'moon'");
    }

    private static Function<ClusterConfig, Object> f(Function<ClusterConfig, Object> f) {
        return f;
    }
}
