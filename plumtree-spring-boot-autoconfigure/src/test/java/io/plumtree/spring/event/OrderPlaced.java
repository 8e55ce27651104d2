package io.plumtree.spring.event;

/** A test event with a logical name. */
@ClusterEvent("order-placed")
public record OrderPlaced(String orderId, int cents) {
}
