package io.plumtree.spring.event;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MessageId;
import tools.jackson.core.JacksonException;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The {@link ClusterPublisher}: JSON envelopes written with the application's Jackson mapper. */
public final class JsonClusterPublisher implements ClusterPublisher {

    private final ClusterNode node;
    private final EventTypes types;
    private final EnvelopeCodec codec;
    private final Clock clock;

    /**
     * @param node  broadcasts the envelopes
     * @param types the allowed types and their names
     * @param codec writes envelopes
     * @param clock stamps the publication time
     */
    public JsonClusterPublisher(ClusterNode node, EventTypes types, EnvelopeCodec codec, Clock clock) {
        this.node = node;
        this.types = types;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<MessageId> publish(Object event, Map<String, String> headers) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(headers, "headers");
        String type = types.nameOf(event.getClass());
        byte[] bytes;
        try {
            bytes = codec.encode(type, clock.instant(), headers, event);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot publish " + event.getClass().getName()
                    + ": it does not serialize to JSON: " + e.getOriginalMessage(), e);
        }
        int max = node.config().broadcast().maxPayloadBytes();
        if (bytes.length > max) {
            throw new IllegalArgumentException("cannot publish " + event.getClass().getName() + ": it serializes to "
                    + bytes.length + " bytes with its envelope, over the maximum of " + max
                    + " (plumtree.broadcast.max-payload-bytes); nothing was sent");
        }
        return node.broadcast(bytes);
    }
}
