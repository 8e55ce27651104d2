package io.plumtree.spring.event;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;

import java.time.Instant;
import java.util.Map;

/**
 * An event that arrived from the cluster, with where it came from. It is published to the application context once
 * per delivery, and Spring hands it to both kinds of listener:
 *
 * <pre>{@code
 * @EventListener void on(OrderPlaced e) { ... }                        // the event alone
 * @EventListener void on(DeliveredEvent<OrderPlaced> e) { e.origin() }  // the event and its metadata
 * }</pre>
 *
 * @param <T> the event's type
 */
public final class DeliveredEvent<T> extends PayloadApplicationEvent<T> {

    /** The member that published it. */
    private final NodeId origin;
    /** Its cluster-wide id. */
    private final MessageId messageId;
    /** Links it travelled to get here; 0 for this node's own events. */
    private final int hops;
    /** Headers the publisher set. */
    private final Map<String, String> headers;
    /** When it was published, by the publisher's clock. */
    private final Instant publishedAt;

    /**
     * @param source      the node that delivered it
     * @param event       the event
     * @param type        the event's type
     * @param origin      the member that published it
     * @param messageId   its id
     * @param hops        links it travelled
     * @param headers     the publisher's headers
     * @param publishedAt when it was published
     */
    public DeliveredEvent(Object source, T event, Class<T> type, NodeId origin, MessageId messageId, int hops,
                          Map<String, String> headers, Instant publishedAt) {
        super(source, event, ResolvableType.forClass(type));
        this.origin = origin;
        this.messageId = messageId;
        this.hops = hops;
        this.headers = Map.copyOf(headers);
        this.publishedAt = publishedAt;
    }

    /** The event. */
    public T event() {
        return getPayload();
    }

    /** The member that published it. */
    public NodeId origin() {
        return origin;
    }

    /** Its cluster-wide id (origin and sequence). */
    public MessageId messageId() {
        return messageId;
    }

    /** Links it travelled to get here; 0 for this node's own events. */
    public int hops() {
        return hops;
    }

    /** Headers the publisher set. */
    public Map<String, String> headers() {
        return headers;
    }

    /** When it was published, by the publisher's clock. */
    public Instant publishedAt() {
        return publishedAt;
    }

    @Override
    public String toString() {
        return "DeliveredEvent[" + messageId + ", hops=" + hops + ", " + getPayload() + "]";
    }
}
