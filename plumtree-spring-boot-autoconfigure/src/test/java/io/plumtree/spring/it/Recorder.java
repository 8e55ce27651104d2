package io.plumtree.spring.it;

import io.plumtree.spring.cluster.ClusterMembershipEvent;
import io.plumtree.spring.event.DeliveredEvent;
import io.plumtree.spring.event.UnknownClusterEvent;
import io.plumtree.spring.state.ClusterStateChangedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Listener methods as a user writes them; records what they received, and when. */
@Component
public class Recorder {

    /** Every OrderPlaced received, in order. */
    final List<OrderPlaced> orders = new CopyOnWriteArrayList<>();
    /** The same deliveries seen with their metadata. */
    final List<DeliveredEvent<OrderPlaced>> deliveries = new CopyOnWriteArrayList<>();
    /** Events that could not become their type. */
    final List<UnknownClusterEvent> unknown = new CopyOnWriteArrayList<>();
    /** Membership changes with the {@link System#nanoTime()} they arrived at. */
    final List<Timed<ClusterMembershipEvent>> membership = new CopyOnWriteArrayList<>();

    @EventListener
    void on(OrderPlaced event) {
        orders.add(event);
    }

    @EventListener
    void onDelivered(DeliveredEvent<OrderPlaced> event) {
        deliveries.add(event);
    }

    @EventListener
    void on(UnknownClusterEvent event) {
        unknown.add(event);
    }

    /** Replicated-state changes under {@code load/}, filtered by prefix in the listener's condition. */
    final List<ClusterStateChangedEvent> load = new CopyOnWriteArrayList<>();

    @EventListener(condition = "#event.key.startsWith('load/')")
    void on(ClusterStateChangedEvent event) {
        load.add(event);
    }

    @EventListener
    void on(ClusterMembershipEvent event) {
        membership.add(new Timed<>(event, System.nanoTime()));
    }

    /** An event and when it arrived. */
    record Timed<T>(T event, long nanos) {
    }
}
