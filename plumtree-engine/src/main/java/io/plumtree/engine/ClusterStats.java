package io.plumtree.engine;

import io.plumtree.engine.broadcast.PlumtreeStats;

import java.util.Map;
import java.util.Objects;

/**
 * Counters of one {@link ClusterNode} since it started, and the current sizes of its queues: a snapshot.
 *
 * @param liveMembers      alive and suspect members, this node included
 * @param knownMembers     members known in any state, this node included
 * @param awareness        Lifeguard local health score; 0 is healthy, higher means this node doubts its own timing
 * @param broadcast        the broadcast protocol's counters
 * @param packetsSent      UDP datagrams sent
 * @param packetsReceived  UDP datagrams received (including dropped ones)
 * @param framesSent       TCP frames written
 * @param framesReceived   TCP frames decoded
 * @param bytesSent        bytes of datagrams and frames sent
 * @param bytesReceived    bytes of datagrams and stream data received
 * @param membershipBytesSent bytes of the membership messages sent over UDP and TCP (probes, acks, gossip, push-pull):
 *                         the sum of their encoded sizes, without packet and frame envelopes, so it compares with
 *                         other SWIM implementations' message byte counts
 * @param inputDropped     received datagrams and frames dropped, by reason (foreign cluster, malformed, unsealed...)
 * @param sendsDropped     frames not sent: the peer's queue was full, or it could not be reached
 * @param congestedPushes  eager pushes dropped for a full peer queue (the peer was demoted to lazy in that tree)
 * @param backPressureSuspensions back-pressure holds cut short after {@code 2 s} without the fullest outbound queue
 *                         draining to half of {@code backPressureBytes}; pushes that do not fit meanwhile are dropped
 * @param queuedBytes      bytes waiting in outbound queues now
 * @param connections      open TCP connections now
 * @param deliveryBacklog  deliveries and membership events waiting for the listeners now
 * @param deliveriesDropped deliveries not handed to the listeners because {@code maxDeliveryBacklog} waited already
 *                         (only with {@link DeliveryOverflow#DROP})
 * @param unroutable       broadcast messages for peers membership knew no live address for
 * @param lateDeliveries   messages delivered after a later one of their origin (their gap had been skipped)
 * @param orderGapsSkipped gaps in an origin's sequence given up on after {@code deliveryOrderWait}
 * @param inFlight         this node's broadcasts not yet acknowledged by the member furthest behind that its
 *                         in-flight window waits for, now (a broadcast waits while it is {@code maxInFlight})
 */
public record ClusterStats(
        int liveMembers,
        int knownMembers,
        int awareness,
        PlumtreeStats broadcast,
        long packetsSent,
        long packetsReceived,
        long framesSent,
        long framesReceived,
        long bytesSent,
        long bytesReceived,
        long membershipBytesSent,
        Map<String, Long> inputDropped,
        long sendsDropped,
        long congestedPushes,
        long backPressureSuspensions,
        long queuedBytes,
        int connections,
        long deliveryBacklog,
        long deliveriesDropped,
        long unroutable,
        long lateDeliveries,
        long orderGapsSkipped,
        long inFlight) {

    /** Copies the map. */
    public ClusterStats {
        Objects.requireNonNull(broadcast, "broadcast");
        inputDropped = Map.copyOf(Objects.requireNonNull(inputDropped, "inputDropped"));
    }

    /** Received datagrams and frames dropped, all reasons together. */
    public long inputDroppedTotal() {
        return inputDropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
