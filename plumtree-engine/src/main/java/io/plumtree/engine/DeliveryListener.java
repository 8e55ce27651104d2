package io.plumtree.engine;

/**
 * Receives the broadcasts a {@link ClusterNode} delivers. Called on the node's delivery executor, never on its network
 * thread; each origin's messages arrive in the order it sent them, unless one stayed missing for longer than
 * {@link ClusterConfig#deliveryOrderWait()} (then it comes late, still exactly once). An exception thrown here is logged
 * and does not stop later deliveries.
 */
@FunctionalInterface
public interface DeliveryListener {

    /** One delivered broadcast. */
    void onDelivery(Delivery delivery);
}
