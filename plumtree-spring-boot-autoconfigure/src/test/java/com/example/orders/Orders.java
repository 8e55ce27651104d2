package com.example.orders;

import io.plumtree.spring.event.ClusterPublisher;
import org.springframework.stereotype.Service;

@Service
public class Orders {

    private final ClusterPublisher cluster;

    public Orders(ClusterPublisher cluster) {
        this.cluster = cluster;
    }

    public void place(String orderId, long cents) {
        cluster.publish(new OrderPlaced(orderId, cents));
    }
}
