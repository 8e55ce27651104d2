package io.plumtree.spring.event;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plumtree.engine.Delivery;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jazzer fuzz target: any bytes as the payload of a delivered broadcast, to the Spring layer's event path
 * ({@link EnvelopeCodec#decode}, then {@link ClusterEventReceiver#onDelivery}). Checks:
 *
 * <ul>
 *   <li>the codec reads an envelope or refuses the bytes with {@link MalformedEnvelopeException}, nothing else (the
 *       receiver catches only that, so anything else comes out of {@code onDelivery});</li>
 *   <li>an envelope it reads survives a round trip: encoded again and read back, it is equal (type, time, headers,
 *       payload tree);</li>
 *   <li>the receiver never throws, and publishes exactly one event: an {@link UnknownClusterEvent} saying
 *       {@code UNREADABLE} (carrying the bytes as text) when the codec refused them, {@code UNKNOWN_TYPE} when the
 *       type is not allowed here, else a {@link DeliveredEvent} of the allowed type or an {@code UNBINDABLE} unknown
 *       event; and it counts exactly that one event;</li>
 *   <li>the whole delivery allocates at most {@value #FIXED_BYTES} bytes plus {@value #BYTES_PER_INPUT_BYTE} per
 *       payload byte: JSON trees cost tens of bytes per input byte (a node per {@code [}), the unknown event's text
 *       and the logged detail a few copies more, but nothing may grow beyond a fixed multiple of the input.</li>
 * </ul>
 */
class EnvelopeFuzzTest {

    /** Bytes any delivery may allocate: Jackson's parser and buffers, the event, the log call. */
    static final long FIXED_BYTES = 1024 * 1024;
    /** Bytes a delivery may allocate per payload byte. */
    static final long BYTES_PER_INPUT_BYTE = 256;

    private static final NodeId SELF = NodeId.of("self");
    private static final NodeId ORIGIN = NodeId.of("origin");

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.shared());
    private final EventTypes types = new EventTypes(List.of(OrderPlaced.class, PriceChanged.class),
            List.of("io.plumtree.spring.event.allowed"), getClass().getClassLoader());
    private final List<Object> published = new ArrayList<>();
    /** Logs no type at WARN (every undeliverable event at DEBUG), so fuzzing does not flood the log. */
    private final ClusterEventReceiver receiver = new ClusterEventReceiver(SELF, this, types, codec, published::add,
            true, 0);
    private long sequence;

    @FuzzTest(maxDuration = "5s")
    void anyDeliveryBecomesExactlyOneEvent(byte[] payload) {
        Map<String, Long> before = receiver.counters();
        published.clear();
        Delivery delivery = new Delivery(ORIGIN, new MessageId(ORIGIN, ++sequence), 1, payload);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> receiver.onDelivery(delivery));
        long limit = FIXED_BYTES + BYTES_PER_INPUT_BYTE * payload.length;
        if (allocated > limit) {
            // the first run of a path pays for class loading and linking: only a second measurement counts
            published.clear();
            before = receiver.counters();
            allocated = AllocationMeter.bytesAllocatedBy(() -> receiver.onDelivery(delivery));
        }
        require(allocated <= limit, "a delivery of " + payload.length + " bytes allocated " + allocated
                + " bytes, over " + limit, payload);
        require(published.size() == 1, "published " + published.size() + " events", payload);
        Object event = published.get(0);

        // The receiver reads the payload with the codec and publishes UNREADABLE only when the codec refused it with
        // MalformedEnvelopeException; anything else the codec threw would have come out of onDelivery. Reading
        // hostile bytes a second time here would only double the cost of the exceptions.
        String counted;
        if (event instanceof UnknownClusterEvent u && u.reason() == UnknownClusterEvent.Reason.UNREADABLE) {
            require(u.json().equals(new String(payload, StandardCharsets.UTF_8)),
                    "an unreadable event not carrying the payload: " + event, payload);
            counted = "unreadable";
        } else {
            EventEnvelope envelope = codec.decode(payload);
            byte[] again = codec.encode(envelope.type(), envelope.publishedAt(), envelope.headers(),
                    envelope.payload());
            EventEnvelope back = codec.decode(again);
            require(back.equals(envelope), "re-encoded as " + new String(again, StandardCharsets.UTF_8)
                    + ", read back as " + back + " instead of " + envelope, payload);
            Optional<Class<?>> type = types.resolve(envelope.type());
            if (type.isEmpty()) {
                require(event instanceof UnknownClusterEvent u && u.reason() == UnknownClusterEvent.Reason.UNKNOWN_TYPE
                        && u.type().equals(envelope.type()) && u.headers().equals(envelope.headers()),
                        "type not allowed, yet " + event, payload);
                counted = "unknown_type";
            } else if (event instanceof DeliveredEvent<?> d) {
                require(type.get().isInstance(d.event()) && d.headers().equals(envelope.headers())
                        && d.publishedAt().equals(envelope.publishedAt()), "delivered " + event, payload);
                counted = "delivered";
            } else {
                require(event instanceof UnknownClusterEvent u && u.reason() == UnknownClusterEvent.Reason.UNBINDABLE,
                        "allowed type, yet " + event, payload);
                counted = "unbindable";
            }
        }
        Map<String, Long> after = receiver.counters();
        for (Map.Entry<String, Long> c : after.entrySet()) {
            long added = c.getValue() - before.get(c.getKey());
            require(added == (c.getKey().equals(counted) ? 1 : 0), "counted " + added + " as " + c.getKey()
                    + " for " + event, payload);
        }
    }

    private static void require(boolean condition, String what, byte[] payload) {
        if (!condition) {
            throw new AssertionError(what + ": " + HexFormat.of().formatHex(payload));
        }
    }
}
