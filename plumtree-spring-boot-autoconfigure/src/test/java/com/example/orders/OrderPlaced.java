package com.example.orders;

import io.plumtree.spring.event.ClusterEvent;

@ClusterEvent("order-placed")
public record OrderPlaced(String orderId, long cents) {
}
