package io.plumtree.spring.event;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event as it travels: its type name, when and with which headers it was published, and its JSON.
 *
 * @param type        the logical type name ({@link ClusterEvent#value()}) or the class name
 * @param publishedAt when the publisher published it, by the publisher's clock
 * @param headers     string headers set by the publisher (trace context, tenant...)
 * @param payload     the event as a JSON tree
 */
public record EventEnvelope(String type, Instant publishedAt, Map<String, String> headers, JsonNode payload) {

    /** Validates and copies. */
    public EventEnvelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(publishedAt, "publishedAt");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(payload, "payload");
    }
}
