package io.plumtree.spring.event;

/** A test event that travels under its class name. */
@ClusterEvent
public record PriceChanged(String sku, int cents) {
}
