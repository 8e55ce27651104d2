package io.plumtree.spring.event.allowed;

/** A plain class in an allowed package: no annotation needed. */
public record Shipped(String orderId) {
}
