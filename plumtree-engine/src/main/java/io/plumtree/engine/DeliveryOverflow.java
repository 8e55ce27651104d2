package io.plumtree.engine;

/**
 * What a node does while {@link ClusterConfig#maxDeliveryBacklog()} deliveries wait for its listeners, so a slow
 * listener never grows the heap without bound.
 */
public enum DeliveryOverflow {
    /**
     * Stop reading streams until half the backlog has drained (datagrams are still read, so membership keeps
     * probing); nothing is dropped here, the peers' queues absorb the rest and, at their own bounds, push back on
     * their publishers or drop pushes to this node that Plumtree repairs later. The slow node slows its peers.
     */
    PAUSE_READS,
    /**
     * Keep reading and drop every delivery that finds the backlog full, counted in
     * {@link ClusterStats#deliveriesDropped()} and logged; the listeners of this node miss those messages, and no
     * other node is slowed. Membership events are never dropped.
     */
    DROP
}
