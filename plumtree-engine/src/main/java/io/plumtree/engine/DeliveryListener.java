package io.plumtree.engine;

/**
 * Receives the broadcasts a {@link ClusterNode} delivers. Called on the node's delivery executor, never on its network
 * thread; deliveries from one origin arrive in the order the node delivered them. An exception thrown here is logged
 * and does not stop later deliveries.
 */
@FunctionalInterface
public interface DeliveryListener {

    /** One delivered broadcast. */
    void onDelivery(Delivery delivery);
}
