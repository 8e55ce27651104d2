package io.plumtree.spring.event;

import io.plumtree.engine.Delivery;
import io.plumtree.engine.DeliveryListener;
import io.plumtree.engine.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns every delivered broadcast into an application event: a {@link DeliveredEvent} carrying an instance of its
 * type when the type is allowed and the JSON binds, otherwise an {@link UnknownClusterEvent} carrying the type name
 * and the JSON. Nothing thrown here reaches the node: an undeliverable event is counted and logged at WARN with the
 * reason, once per type name (up to a bound, then at DEBUG), and a listener that throws is counted and logged.
 */
public final class ClusterEventReceiver implements DeliveryListener, ClusterEventCounters {

    private static final Logger log = LoggerFactory.getLogger(ClusterEventReceiver.class);

    private final NodeId self;
    private final Object source;
    private final EventTypes types;
    private final EnvelopeCodec codec;
    private final ApplicationEventPublisher publisher;
    private final boolean deliverToSelf;
    private final int maxWarned;
    /** Undeliverable events, by reason. */
    private final Map<UnknownClusterEvent.Reason, LongAdder> unknown = new EnumMap<>(UnknownClusterEvent.Reason.class);
    /** Events delivered as their type. */
    private final LongAdder delivered = new LongAdder();
    /** Deliveries a listener threw on. */
    private final LongAdder listenerFailures = new LongAdder();
    /** Reason and type name pairs already logged at WARN; at most {@link #maxWarned}. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param self          this node's name
     * @param source        the source of the published application events (the node)
     * @param types         the allowed types
     * @param codec         reads envelopes and binds payloads
     * @param publisher     the application context
     * @param deliverToSelf whether this node's own events are published here too
     * @param maxWarned     distinct type names logged at WARN
     */
    public ClusterEventReceiver(NodeId self, Object source, EventTypes types, EnvelopeCodec codec,
                                ApplicationEventPublisher publisher, boolean deliverToSelf, int maxWarned) {
        this.self = self;
        this.source = source;
        this.types = types;
        this.codec = codec;
        this.publisher = publisher;
        this.deliverToSelf = deliverToSelf;
        this.maxWarned = maxWarned;
        for (UnknownClusterEvent.Reason r : UnknownClusterEvent.Reason.values()) {
            unknown.put(r, new LongAdder());
        }
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (!deliverToSelf && delivery.origin().equals(self)) {
            return;
        }
        Object event = toEvent(delivery);
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            listenerFailures.increment();
            log.warn("A listener of {} from {} threw; the next events are delivered as usual", delivery.id(),
                    delivery.origin(), e);
        }
    }

    private Object toEvent(Delivery delivery) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(delivery.payload());
        } catch (MalformedEnvelopeException e) {
            return unknown(delivery, e.type(), new String(delivery.payload(), StandardCharsets.UTF_8),
                    UnknownClusterEvent.Reason.UNREADABLE, "the message is not a readable event envelope: "
                            + e.getMessage(), Map.of());
        }
        Optional<Class<?>> type = types.resolve(envelope.type());
        if (type.isEmpty()) {
            return unknown(delivery, envelope.type(), envelope.payload().toString(),
                    UnknownClusterEvent.Reason.UNKNOWN_TYPE, types.whyUnknown(envelope.type()), envelope.headers());
        }
        return deliveredEvent(delivery, envelope, type.get());
    }

    private <T> Object deliveredEvent(Delivery delivery, EventEnvelope envelope, Class<T> type) {
        T value;
        try {
            value = codec.mapper().treeToValue(envelope.payload(), type);
        } catch (RuntimeException e) {
            // Jackson's own exceptions, or whatever a custom deserializer or the type's constructor threw.
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.toString();
            return unknown(delivery, envelope.type(), envelope.payload().toString(),
                    UnknownClusterEvent.Reason.UNBINDABLE, "its JSON does not bind to " + type.getName() + ": " + why,
                    envelope.headers());
        }
        if (value == null) {
            return unknown(delivery, envelope.type(), envelope.payload().toString(),
                    UnknownClusterEvent.Reason.UNBINDABLE, "its JSON is null", envelope.headers());
        }
        delivered.increment();
        return new DeliveredEvent<>(source, value, type, delivery.origin(), delivery.id(), delivery.hops(),
                envelope.headers(), envelope.publishedAt());
    }

    private UnknownClusterEvent unknown(Delivery delivery, String type, String json, UnknownClusterEvent.Reason reason,
                                        String detail, Map<String, String> headers) {
        unknown.get(reason).increment();
        String key = reason + " " + type;
        boolean first = !warned.contains(key) && warned.size() < maxWarned && warned.add(key);
        if (first) {
            log.warn("Event {} of type '{}' from {} cannot be delivered as its type: {}. It is published as an "
                    + "UnknownClusterEvent carrying its JSON; further {} events of this type are counted "
                    + "(plumtree.events.undeliverable) and logged at DEBUG", delivery.id(),
                    type == null ? "(none)" : type, delivery.origin(), detail, reason);
        } else {
            log.debug("Event {} of type '{}' from {} is undeliverable ({}): {}", delivery.id(), type,
                    delivery.origin(), reason, detail);
        }
        return new UnknownClusterEvent(type, json, reason, detail, delivery.origin(), delivery.id(), headers);
    }

    /** Events that could not become their type, for {@code reason}, since startup. */
    public long undeliverable(UnknownClusterEvent.Reason reason) {
        return unknown.get(reason).sum();
    }

    /** Events delivered as their type since startup. */
    public long delivered() {
        return delivered.sum();
    }

    /** Deliveries a listener threw on since startup. */
    public long listenerFailures() {
        return listenerFailures.sum();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("delivered", delivered());
        for (UnknownClusterEvent.Reason r : UnknownClusterEvent.Reason.values()) {
            counters.put(r.name().toLowerCase(Locale.ROOT), undeliverable(r));
        }
        counters.put("listener_failures", listenerFailures());
        return counters;
    }
}
