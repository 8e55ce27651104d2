package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.state.StateConfig;
import io.plumtree.engine.wire.WireLimits;
import io.plumtree.spring.cluster.MemberMetadata;
import org.springframework.util.unit.DataSize;

import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns {@link PlumtreeProperties} into the engine's {@link ClusterConfig}: the preset first, then every value the
 * properties set. The engine checks the result, so a bad value fails at startup with its name.
 */
public final class ClusterConfigFactory {

    private final PlumtreeProperties properties;

    /** @param properties the bound {@code plumtree.*} properties */
    public ClusterConfigFactory(PlumtreeProperties properties) {
        this.properties = properties;
    }

    /**
     * A builder holding the properties' values, for customizers to adjust before it is built.
     *
     * @param clusterName      the cluster name to use when {@code plumtree.cluster-name} is unset
     * @param nodeName         gives the node name to use when {@code plumtree.node-name} is unset
     * @param deliveryExecutor the executor named by {@code plumtree.delivery.executor}, or null for the node's own
     */
    public ClusterConfig.Builder builder(String clusterName, Supplier<String> nodeName, Executor deliveryExecutor) {
        PlumtreeProperties p = properties;
        String preset = p.getPreset();
        ClusterConfig.Builder b = ClusterConfig.builder()
                .nodeName(p.getNodeName() != null ? p.getNodeName() : nodeName.get())
                .clusterName(p.getClusterName() != null ? p.getClusterName() : clusterName)
                .bindHost(p.getBindAddress())
                .port(p.getPort())
                .advertiseHost(p.getAdvertiseAddress())
                .advertisePort(p.getAdvertisePort())
                .seeds(p.getSeeds())
                .keys(p.getKeys().stream().map(ClusterConfigFactory::key).toList())
                .metadata(MemberMetadata.encode(p.getMetadata()))
                .membership(membership(p.getMembership(), membershipPreset(preset).toBuilder()))
                .broadcast(broadcast(p.getBroadcast(), PlumtreeConfig.preset(preset).toBuilder()))
                .wireLimits(wire(p.getWire(), WireLimits.defaults()))
                .maxQueuedBytesPerPeer(p.getQueue().getMaxBytesPerPeer().toBytes())
                .backPressureBytes(p.getQueue().getBackPressureBytes().toBytes())
                .maxQueuedBytes(p.getQueue().getMaxBytes().toBytes())
                .broadcastTimeout(p.getQueue().getBroadcastTimeout())
                .maxPendingBroadcasts(p.getQueue().getMaxPendingBroadcasts())
                .connectTimeout(p.getConnection().getConnectTimeout())
                .reconnectBackoff(p.getConnection().getReconnectBackoff())
                .maxReconnectBackoff(p.getConnection().getMaxReconnectBackoff())
                .idleTimeout(p.getConnection().getIdleTimeout())
                .joinTimeout(p.getJoin().getTimeout())
                .joinRetryInterval(p.getJoin().getRetryInterval())
                .leavePropagation(p.getLeavePropagation())
                .maxDeliveryBacklog(p.getDelivery().getMaxBacklog())
                .deliveryOverflow(p.getDelivery().getOverflow())
                .deliveryOrderWait(p.getDelivery().getOrderWait())
                .deliveryExecutor(deliveryExecutor)
                .state(p.getState().isEnabled() ? StateConfig.preset(membershipPresetName(preset)) : null);
        return b;
    }

    /** The membership and state preset of a preset name: large-cluster uses the LAN timings. */
    private static String membershipPresetName(String preset) {
        return preset.equals("large-cluster") || preset.equals("largeCluster") ? "lan" : preset;
    }

    /** Membership has no large-cluster preset: its LAN values already scale with the cluster's size. */
    private static SwimConfig membershipPreset(String preset) {
        return preset.equals("large-cluster") || preset.equals("largeCluster") ? SwimConfig.lan()
                : SwimConfig.preset(preset);
    }

    private static byte[] key(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plumtree.keys: a key is not valid Base64: " + e.getMessage(), e);
        }
    }

    private static SwimConfig membership(PlumtreeProperties.Membership m, SwimConfig.Builder b) {
        set(m.getProbeInterval(), b::probeInterval);
        set(m.getProbeTimeout(), b::probeTimeout);
        set(m.getSuspicionMult(), b::suspicionMult);
        set(m.getSuspicionMaxTimeoutMult(), b::suspicionMaxTimeoutMult);
        set(m.getGossipInterval(), b::gossipInterval);
        set(m.getGossipNodes(), b::gossipNodes);
        set(m.getRetransmitMult(), b::retransmitMult);
        set(m.getPushPullInterval(), b::pushPullInterval);
        set(m.getJoinSyncDelay(), b::joinSyncDelay);
        set(m.getIndirectChecks(), b::indirectChecks);
        set(m.getAwarenessMaxMultiplier(), b::awarenessMaxMultiplier);
        set(m.getGossipToTheDeadTime(), b::gossipToTheDeadTime);
        set(m.getReconnectInterval(), b::reconnectInterval);
        set(m.getReconnectTimeout(), b::reconnectTimeout);
        set(m.getDeadNodeReclaimTime(), b::deadNodeReclaimTime);
        set(bytes("membership.packet-budget", m.getPacketBudget()), b::packetBudget);
        set(bytes("membership.max-metadata-bytes", m.getMaxMetadataBytes()), b::maxMetadataBytes);
        set(m.getMaxQueuedUpdates(), b::maxQueuedUpdates);
        set(m.getAwarenessEnabled(), b::awarenessEnabled);
        set(m.getDynamicSuspicion(), b::dynamicSuspicion);
        set(m.getBuddySystem(), b::buddySystem);
        return b.build();
    }

    private static PlumtreeConfig broadcast(PlumtreeProperties.Broadcast c, PlumtreeConfig.Builder b) {
        set(c.getEagerFanout(), b::eagerFanout);
        set(c.getLazyFanout(), b::lazyFanout);
        set(c.getMaxEagerPeers(), b::maxEagerPeers);
        set(c.getMaxLazyPeers(), b::maxLazyPeers);
        set(c.getMaxTrees(), b::maxTrees);
        set(c.getMaxKnownPeers(), b::maxKnownPeers);
        set(c.getIhaveInterval(), b::ihaveInterval);
        set(c.getIhaveBatchSize(), b::ihaveBatchSize);
        set(c.getMaxPendingIhaves(), b::maxPendingIHaves);
        set(c.getGraftTimeout(), b::graftTimeout);
        set(c.getGraftMaxBackoff(), b::graftMaxBackoff);
        set(c.getGraftMaxRetries(), b::graftMaxRetries);
        set(c.getGraftRatePerSecond(), b::graftRatePerSecond);
        set(c.getGraftBurst(), b::graftBurst);
        set(c.getOptimizationThreshold(), b::optimizationThreshold);
        set(c.getCacheTtl(), b::cacheTtl);
        set(c.getCacheMaxMessages(), b::cacheMaxMessages);
        set(c.getCacheMaxBytes() == null ? null : c.getCacheMaxBytes().toBytes(), b::cacheMaxBytes);
        set(c.getSeenTtl(), b::seenTtl);
        set(c.getSeenMaxEntries(), b::seenMaxEntries);
        set(bytes("broadcast.max-payload-bytes", c.getMaxPayloadBytes()), b::maxPayloadBytes);
        set(c.getPerOriginTrees(), b::perOriginTrees);
        set(c.getDigestInterval(), b::digestInterval);
        set(c.getDigestWindow(), b::digestWindow);
        set(c.getMaxInFlight(), b::maxInFlight);
        set(c.getLaggardTimeout(), b::laggardTimeout);
        set(c.getOriginPushesToAll(), b::originPushesToAll);
        return b.build();
    }

    private static WireLimits wire(PlumtreeProperties.Wire w, WireLimits d) {
        return new WireLimits(
                or(bytes("wire.max-datagram-bytes", w.getMaxDatagramBytes()), d.maxDatagramBytes()),
                or(bytes("wire.max-frame-bytes", w.getMaxFrameBytes()), d.maxFrameBytes()),
                or(bytes("wire.max-payload-bytes", w.getMaxPayloadBytes()), d.maxPayloadBytes()),
                or(w.getMaxAnnouncements(), d.maxAnnouncements()),
                or(w.getMaxGraftIds(), d.maxGraftIds()),
                or(w.getMaxPushPullStates(), d.maxPushPullStates()));
    }

    /** A size that the engine holds in an {@code int}, or null when unset. */
    private static Integer bytes(String name, DataSize size) {
        if (size == null) {
            return null;
        }
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("plumtree." + name + " must be below 2GB, got " + size);
        }
        return (int) bytes;
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
