package io.plumtree.spring.event;

import io.plumtree.engine.Delivery;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

@ExtendWith(OutputCaptureExtension.class)
class ClusterEventReceiverTests {

    private static final NodeId SELF = NodeId.of("self");
    private static final NodeId OTHER = NodeId.of("other");

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.shared());
    private final EventTypes types = new EventTypes(List.of(OrderPlaced.class, Strict.class), List.of(),
            getClass().getClassLoader());
    private final List<Object> published = new ArrayList<>();
    private final ApplicationEventPublisher publisher = published::add;
    private long sequence;

    private ClusterEventReceiver receiver(boolean deliverToSelf) {
        return new ClusterEventReceiver(SELF, this, types, codec, publisher, deliverToSelf, 2);
    }

    private Delivery delivery(NodeId origin, int hops, byte[] payload) {
        return new Delivery(origin, new MessageId(origin, ++sequence), hops, payload);
    }

    private byte[] envelope(String type, Object event) {
        return codec.encode(type, Instant.ofEpochMilli(42), Map.of("trace", "t-1"), event);
    }

    @Test
    void anAllowedTypeArrivesAsItselfWithItsOriginAndId() {
        ClusterEventReceiver receiver = receiver(true);
        Delivery d = delivery(OTHER, 2, envelope("order-placed", new OrderPlaced("o-1", 5)));
        receiver.onDelivery(d);
        assertThat(published).singleElement().isInstanceOfSatisfying(DeliveredEvent.class, raw -> {
            DeliveredEvent<?> e = raw;
            assertThat(e.event()).isEqualTo(new OrderPlaced("o-1", 5));
            assertThat(e.origin()).isEqualTo(OTHER);
            assertThat(e.messageId()).isEqualTo(d.id());
            assertThat(e.hops()).isEqualTo(2);
            assertThat(e.headers()).containsEntry("trace", "t-1");
            assertThat(e.publishedAt()).isEqualTo(Instant.ofEpochMilli(42));
            assertThat(e.getResolvableType().getGeneric(0).resolve()).isEqualTo(OrderPlaced.class);
        });
        assertThat(receiver.counters()).containsEntry("delivered", 1L);
    }

    @Test
    void anUnknownTypeArrivesAsUnknownEventCarryingItsNameAndJson() {
        ClusterEventReceiver receiver = receiver(true);
        receiver.onDelivery(delivery(OTHER, 1, envelope("com.example.Gadget", Map.of("x", 1))));
        assertThat(published).singleElement().isInstanceOfSatisfying(UnknownClusterEvent.class, e -> {
            assertThat(e.type()).isEqualTo("com.example.Gadget");
            assertThat(e.json()).isEqualTo("{\"x\":1}");
            assertThat(e.reason()).isEqualTo(UnknownClusterEvent.Reason.UNKNOWN_TYPE);
            assertThat(e.detail()).contains("neither a @ClusterEvent type");
            assertThat(e.origin()).isEqualTo(OTHER);
            assertThat(e.headers()).containsEntry("trace", "t-1");
        });
        assertThat(receiver.undeliverable(UnknownClusterEvent.Reason.UNKNOWN_TYPE)).isEqualTo(1);
    }

    @Test
    void malformedJsonArrivesAsUnknownEventCarryingTheRawText() {
        ClusterEventReceiver receiver = receiver(true);
        receiver.onDelivery(delivery(OTHER, 1, "{not json".getBytes(StandardCharsets.UTF_8)));
        assertThat(published).singleElement().isInstanceOfSatisfying(UnknownClusterEvent.class, e -> {
            assertThat(e.type()).isNull();
            assertThat(e.json()).isEqualTo("{not json");
            assertThat(e.reason()).isEqualTo(UnknownClusterEvent.Reason.UNREADABLE);
            assertThat(e.detail()).startsWith("the message is not a readable event envelope: not JSON");
        });
        assertThat(receiver.counters()).containsEntry("unreadable", 1L);
    }

    @Test
    void jsonThatDoesNotBindArrivesAsUnknownEvent() {
        ClusterEventReceiver receiver = receiver(true);
        receiver.onDelivery(delivery(OTHER, 1, envelope("order-placed", Map.of("orderId", "o", "cents", "lots"))));
        assertThat(published).singleElement().isInstanceOfSatisfying(UnknownClusterEvent.class, e -> {
            assertThat(e.type()).isEqualTo("order-placed");
            assertThat(e.json()).contains("\"cents\":\"lots\"");
            assertThat(e.reason()).isEqualTo(UnknownClusterEvent.Reason.UNBINDABLE);
            assertThat(e.detail()).contains("does not bind to " + OrderPlaced.class.getName());
        });
    }

    @Test
    void anEventWhoseConstructorRefusesItsValuesArrivesAsUnknownEvent() {
        ClusterEventReceiver receiver = receiver(true);
        receiver.onDelivery(delivery(OTHER, 1, envelope("strict", Map.of("n", -1))));
        assertThat(published).singleElement().isInstanceOfSatisfying(UnknownClusterEvent.class, e -> {
            assertThat(e.reason()).isEqualTo(UnknownClusterEvent.Reason.UNBINDABLE);
            assertThat(e.detail()).contains("n must not be negative");
        });
    }

    @Test
    void theNextEventAfterABadOneIsDeliveredAsUsual() {
        ClusterEventReceiver receiver = receiver(true);
        receiver.onDelivery(delivery(OTHER, 1, "{not json".getBytes(StandardCharsets.UTF_8)));
        receiver.onDelivery(delivery(OTHER, 1, envelope("order-placed", new OrderPlaced("o-2", 1))));
        assertThat(published).hasSize(2).last().isInstanceOf(DeliveredEvent.class);
    }

    @Test
    void undeliverableEventsAreLoggedAtWarnOncePerTypeAndBounded(CapturedOutput output) {
        ClusterEventReceiver receiver = receiver(true);
        for (int i = 0; i < 3; i++) {
            receiver.onDelivery(delivery(OTHER, 1, envelope("com.example.A", Map.of())));
        }
        receiver.onDelivery(delivery(OTHER, 1, envelope("com.example.B", Map.of())));
        receiver.onDelivery(delivery(OTHER, 1, envelope("com.example.C", Map.of())));
        String log = output.getOut() + output.getErr();
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("'com.example.A'"))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("'com.example.B'"))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("'com.example.C'"))).isEmpty();
        assertThat(log).contains("neither a @ClusterEvent type").contains("UnknownClusterEvent");
        assertThat(receiver.undeliverable(UnknownClusterEvent.Reason.UNKNOWN_TYPE)).isEqualTo(5);
        assertThat(published).hasSize(5);
    }

    @Test
    void ownEventsCanBeSkipped() {
        ClusterEventReceiver receiver = receiver(false);
        receiver.onDelivery(delivery(SELF, 0, envelope("order-placed", new OrderPlaced("mine", 1))));
        receiver.onDelivery(delivery(OTHER, 1, envelope("order-placed", new OrderPlaced("theirs", 1))));
        assertThat(published).singleElement().isInstanceOfSatisfying(DeliveredEvent.class, e ->
                assertThat(e.event()).isEqualTo(new OrderPlaced("theirs", 1)));
    }

    @Test
    void aListenerThatThrowsIsCountedAndDoesNotReachTheNode() {
        ClusterEventReceiver receiver = new ClusterEventReceiver(SELF, this, types, codec, event -> {
            throw new IllegalStateException("listener bug");
        }, true, 2);
        assertThatCode(() -> receiver.onDelivery(delivery(OTHER, 1, envelope("order-placed",
                new OrderPlaced("o", 1))))).doesNotThrowAnyException();
        assertThat(receiver.listenerFailures()).isEqualTo(1);
    }

    /** An event that validates its values. */
    @ClusterEvent("strict")
    record Strict(int n) {
        Strict {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }
}
