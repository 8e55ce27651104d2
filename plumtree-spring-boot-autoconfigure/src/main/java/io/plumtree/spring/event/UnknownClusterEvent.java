package io.plumtree.spring.event;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;

import java.util.Map;
import java.util.Objects;

/**
 * An event that arrived but could not become an instance of its type, published to the application context instead
 * of it, so nothing is lost: {@code @EventListener void on(UnknownClusterEvent e)} sees the type name and the JSON.
 *
 * @param type      the type name the envelope carried, or null when it named none
 * @param json      the event's JSON (the whole message when it was not a readable envelope)
 * @param reason    why it was not instantiated
 * @param detail    the explanation, as logged
 * @param origin    the member that published it
 * @param messageId its cluster-wide id
 * @param headers   the publisher's headers (empty when unreadable)
 */
public record UnknownClusterEvent(String type, String json, Reason reason, String detail, NodeId origin,
                                  MessageId messageId, Map<String, String> headers) {

    /** Why an event was not instantiated. */
    public enum Reason {
        /** The type name is not an allowed type here, or no such class is on this classpath. */
        UNKNOWN_TYPE,
        /** The message is not an event envelope: not JSON, or a field is missing or of another version. */
        UNREADABLE,
        /** The JSON does not bind to the type (a missing or mistyped field, a failing constructor). */
        UNBINDABLE
    }

    /** Validates and copies. */
    public UnknownClusterEvent {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(messageId, "messageId");
        headers = Map.copyOf(headers);
    }
}
