package com.example.orders;

import io.plumtree.spring.cluster.MemberLeftEvent;
import io.plumtree.spring.event.DeliveredEvent;
import io.plumtree.spring.event.UnknownClusterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

@Component
public class OrderListener {

    private static final Logger log = LoggerFactory.getLogger(OrderListener.class);

    @EventListener
    public void on(OrderPlaced order) {
        log.info("order {} placed", order.orderId());
    }

    @EventListener
    public void on(DeliveredEvent<OrderPlaced> delivered) {
        log.info("{} from {} after {} hops", delivered.messageId(), delivered.origin(), delivered.hops());
    }

    @EventListener
    public void on(MemberLeftEvent left) {
        log.info("{} left the cluster", left.member().name());
    }

    @EventListener
    public void on(UnknownClusterEvent unknown) {
        log.warn("could not read a {} event ({}): {}", unknown.type(), unknown.reason(), unknown.json());
    }
}
