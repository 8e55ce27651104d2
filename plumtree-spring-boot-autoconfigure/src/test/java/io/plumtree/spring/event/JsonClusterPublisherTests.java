package io.plumtree.spring.event;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.Delivery;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JsonClusterPublisherTests {

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.shared());
    private final EventTypes types = new EventTypes(List.of(OrderPlaced.class), List.of(),
            getClass().getClassLoader());
    private ClusterNode node;
    private JsonClusterPublisher publisher;

    @BeforeEach
    void start() {
        node = ClusterNode.start(ClusterConfig.builder().preset("local").nodeName("pub").bindHost("127.0.0.1")
                .port(0).broadcast(PlumtreeConfig.local().toBuilder().maxPayloadBytes(1024).build()).build());
        publisher = new JsonClusterPublisher(node, types, codec,
                Clock.fixed(Instant.ofEpochMilli(7), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void publishesAnEnvelopeAndAnswersWithTheMessageId() throws Exception {
        ConcurrentLinkedQueue<Delivery> delivered = new ConcurrentLinkedQueue<>();
        node.addDeliveryListener(delivered::add);
        MessageId id = publisher.publish(new OrderPlaced("o-1", 3), Map.of("k", "v")).get();
        assertThat(id.origin().name()).isEqualTo("pub");
        await().atMost(Duration.ofSeconds(10)).until(() -> !delivered.isEmpty());
        EventEnvelope envelope = codec.decode(delivered.peek().payload());
        assertThat(envelope.type()).isEqualTo("order-placed");
        assertThat(envelope.publishedAt()).isEqualTo(Instant.ofEpochMilli(7));
        assertThat(envelope.headers()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void aTypeThatIsNotAllowedFailsAtTheCall() {
        assertThatThrownBy(() -> publisher.publish(Map.of("a", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an allowed cluster event type");
    }

    @Test
    void anEventLargerThanTheMaximumFailsAtTheCallSayingSo() {
        assertThatThrownBy(() -> publisher.publish(new OrderPlaced("x".repeat(2_000), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the maximum of 1024 (plumtree.broadcast.max-payload-bytes)")
                .hasMessageContaining("nothing was sent");
        assertThat(node.stats().broadcast().broadcasts()).isZero();
    }

    @Test
    void anEventThatDoesNotSerializeFailsAtTheCallSayingWhy() {
        assertThatThrownBy(() -> publisher.publish(new Unserializable()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot publish " + Unserializable.class.getName())
                .hasMessageContaining("does not serialize to JSON");
    }

    /** Its only property throws when read. */
    @ClusterEvent
    static final class Unserializable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }
}
