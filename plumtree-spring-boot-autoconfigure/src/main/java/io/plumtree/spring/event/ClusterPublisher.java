package io.plumtree.spring.event;

import io.plumtree.engine.MessageId;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes application events to every member of the cluster, this one included (unless
 * {@code plumtree.events.deliver-to-self=false}); each member's {@code @EventListener} methods receive it once.
 *
 * <pre>{@code
 * @Service
 * class Orders {
 *     private final ClusterPublisher cluster;
 *     Orders(ClusterPublisher cluster) { this.cluster = cluster; }
 *     void place(String id) { cluster.publish(new OrderPlaced(id, 1999)); }
 * }
 * }</pre>
 */
public interface ClusterPublisher {

    /**
     * Publishes {@code event}; see {@link #publish(Object, Map)}.
     */
    default CompletableFuture<MessageId> publish(Object event) {
        return publish(event, Map.of());
    }

    /**
     * Serializes {@code event} to JSON and broadcasts it with {@code headers}. Returns at once, unless
     * {@code plumtree.queue.max-pending-broadcasts} publishes are pending and {@code plumtree.queue.broadcast-timeout}
     * is above zero: then it blocks until half of them are sent, at most that long.
     *
     * @return completes with the message id once the event is handed to the network; fails with
     *         {@link io.plumtree.engine.ClusterOverloadedException} when the peers do not keep up or too many publishes
     *         are pending, or
     *         {@link IllegalStateException} once the node is closed
     * @throws IllegalArgumentException at once, saying why, when the event's type is not allowed, it does not
     *                                  serialize, or it is larger than {@code plumtree.broadcast.max-payload-bytes}
     */
    CompletableFuture<MessageId> publish(Object event, Map<String, String> headers);
}
