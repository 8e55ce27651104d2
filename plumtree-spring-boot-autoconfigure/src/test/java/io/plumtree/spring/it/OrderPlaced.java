package io.plumtree.spring.it;

import io.plumtree.spring.event.ClusterEvent;

/** An event of the test application, found by scanning its package. */
@ClusterEvent("order-placed")
public record OrderPlaced(String orderId, int cents) {
}
