package io.plumtree.spring.it;

import io.micrometer.core.instrument.MeterRegistry;
import io.plumtree.engine.ClusterNode;
import io.plumtree.spring.state.ClusterState;
import io.plumtree.spring.cluster.MemberFailedEvent;
import io.plumtree.spring.cluster.MemberLeftEvent;
import io.plumtree.spring.event.ClusterPublisher;
import io.plumtree.spring.event.UnknownClusterEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three applications in one JVM, each with a web server and a cluster node on ephemeral loopback ports, the second
 * and third joining through the first: what a user of the starter sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeApplicationsClusterTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();

    @BeforeAll
    static void startThree() {
        ConfigurableApplicationContext first = start("node-a", "");
        String seed = first.getBean(ClusterNode.class).address();
        start("node-b", seed);
        start("node-c", seed);
        await().atMost(DEADLINE).until(() -> apps.stream().allMatch(app ->
                app.getBean(ClusterNode.class).stats().liveMembers() == 3));
    }

    @AfterAll
    static void closeAll() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    private static ConfigurableApplicationContext start(String name, String seed) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(OrdersApplication.class).properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.application.name=orders",
                "spring.main.banner-mode=off",
                "plumtree.node-name=" + name,
                "plumtree.bind-address=127.0.0.1",
                "plumtree.port=0",
                "plumtree.preset=local",
                "plumtree.seeds=" + seed,
                "plumtree.leave-propagation=300ms",
                "plumtree.metadata.role=" + name.substring(name.length() - 1),
                "plumtree.state.initial.version=1." + name.substring(name.length() - 1),
                "management.endpoints.web.exposure.include=health,plumtree",
                "management.endpoint.health.show-details=always",
                "management.endpoint.health.show-components=always").run();
        apps.add(app);
        return app;
    }

    private static Recorder recorder(int i) {
        return apps.get(i).getBean(Recorder.class);
    }

    private static JsonNode get(int app, String path) throws Exception {
        int port = ((WebServerApplicationContext) apps.get(app)).getWebServer().getPort();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    @Order(1)
    void theEndpointShowsThreeAliveMembersWithTheirMetadataAndPeers() throws Exception {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(get(0, "/actuator/plumtree").get("members"))
                .allSatisfy(m -> assertThat(m.get("status").stringValue()).isEqualTo("ALIVE")));
        JsonNode cluster = get(0, "/actuator/plumtree");
        assertThat(cluster.get("node").get("name").stringValue()).isEqualTo("node-a");
        assertThat(cluster.get("node").get("cluster").stringValue()).isEqualTo("orders");
        List<JsonNode> members = StreamSupport.stream(cluster.get("members").spliterator(), false).toList();
        assertThat(members).extracting(m -> m.get("name").stringValue())
                .containsExactly("node-a", "node-b", "node-c");
        assertThat(members).allSatisfy(m -> {
            assertThat(m.get("status").stringValue()).isEqualTo("ALIVE");
            assertThat(m.get("address").stringValue()).startsWith("127.0.0.1:");
            assertThat(m.get("incarnation").isIntegralNumber()).isTrue();
        });
        assertThat(members.get(1).get("metadata").get("role").stringValue()).isEqualTo("b");
        JsonNode topology = cluster.get("topology");
        assertThat(topology.get("eagerPeers").size() + topology.get("lazyPeers").size()).isEqualTo(2);
        assertThat(cluster.get("stats").get("liveMembers").asInt()).isEqualTo(3);

        JsonNode one = get(0, "/actuator/plumtree/node-c");
        assertThat(one.get("name").stringValue()).isEqualTo("node-c");
        assertThat(one.get("metadata").get("role").stringValue()).isEqualTo("c");
    }

    @Test
    @Order(2)
    void healthIsUpWithThePlumtreeComponent() throws Exception {
        for (int i = 0; i < 3; i++) {
            JsonNode health = get(i, "/actuator/health");
            assertThat(health.get("status").stringValue()).isEqualTo("UP");
            JsonNode plumtree = health.get("components").get("plumtree");
            assertThat(plumtree.get("status").stringValue()).isEqualTo("UP");
            assertThat(plumtree.get("details").get("liveMembers").asInt()).isEqualTo(3);
        }
    }

    @Test
    @Order(3)
    void anEventPublishedOnEachArrivesExactlyOnceAtEveryListener() throws Exception {
        for (int i = 0; i < 3; i++) {
            apps.get(i).getBean(ClusterPublisher.class).publish(new OrderPlaced("order-" + i, 100 + i)).get();
            apps.get(i).getBean(ClusterPublisher.class).publish(new OrderPlaced("last-" + i, 0)).get();
        }
        await().atMost(DEADLINE).until(() -> recorderCounts(6));
        List<OrderPlaced> expected = List.of(new OrderPlaced("order-0", 100), new OrderPlaced("order-1", 101),
                new OrderPlaced("order-2", 102), new OrderPlaced("last-0", 0), new OrderPlaced("last-1", 0),
                new OrderPlaced("last-2", 0));
        for (int i = 0; i < 3; i++) {
            Recorder r = recorder(i);
            assertThat(r.orders).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(r.deliveries).hasSize(6);
            for (int origin = 0; origin < 3; origin++) {
                String name = "node-" + (char) ('a' + origin);
                assertThat(r.deliveries).filteredOn(d -> d.origin().name().equals(name))
                        .extracting(d -> d.event().orderId())
                        .containsExactlyInAnyOrder("order-" + origin, "last-" + origin);
            }
            int self = i;
            assertThat(r.deliveries).filteredOn(d -> d.origin().name().equals("node-" + (char) ('a' + self)))
                    .allSatisfy(d -> assertThat(d.hops()).isZero());
        }
        MeterRegistry meters = apps.get(0).getBean(MeterRegistry.class);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                meters.get("plumtree.events.delivered").functionCounter().count()).isEqualTo(6));
        assertThat(meters.get("plumtree.delivery.hops").summary().count()).isEqualTo(6);
    }

    private static boolean recorderCounts(int n) {
        return apps.stream().allMatch(app -> app.getBean(Recorder.class).orders.size() >= n);
    }

    @Test
    @Order(4)
    void anUnknownTypeAndMalformedJsonArriveAsUnknownEventsAndTheNextEventStillArrives() throws Exception {
        ClusterNode a = apps.get(0).getBean(ClusterNode.class);
        a.broadcast(("{\"v\":1,\"type\":\"com.example.Gadget\",\"time\":1,\"headers\":{},"
                + "\"payload\":{\"exec\":\"rm -rf /\"}}").getBytes(StandardCharsets.UTF_8)).get();
        a.broadcast("{this is not json".getBytes(StandardCharsets.UTF_8)).get();
        apps.get(0).getBean(ClusterPublisher.class).publish(new OrderPlaced("after-bad", 1)).get();
        for (int i = 1; i < 3; i++) {
            Recorder r = recorder(i);
            await().atMost(DEADLINE).until(() -> r.orders.contains(new OrderPlaced("after-bad", 1))
                    && r.unknown.size() == 2);
            UnknownClusterEvent gadget = r.unknown.stream()
                    .filter(u -> u.reason() == UnknownClusterEvent.Reason.UNKNOWN_TYPE).findFirst().orElseThrow();
            assertThat(gadget.type()).isEqualTo("com.example.Gadget");
            assertThat(gadget.json()).isEqualTo("{\"exec\":\"rm -rf /\"}");
            assertThat(gadget.reason()).isEqualTo(UnknownClusterEvent.Reason.UNKNOWN_TYPE);
            assertThat(gadget.origin().name()).isEqualTo("node-a");
            UnknownClusterEvent malformed = r.unknown.stream()
                    .filter(u -> u.reason() == UnknownClusterEvent.Reason.UNREADABLE).findFirst().orElseThrow();
            assertThat(malformed.json()).isEqualTo("{this is not json");
            assertThat(malformed.type()).isNull();
        }
        assertThat(recorder(1).orders).containsOnlyOnce(new OrderPlaced("after-bad", 1));
        JsonNode events = get(1, "/actuator/plumtree").get("events");
        assertThat(events.get("unknown_type").asLong()).isEqualTo(1);
        assertThat(events.get("unreadable").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void replicatedStateSpreadsAsEventsFilteredByPrefixAndShowsInTheEndpoint() throws Exception {
        ClusterState state = apps.get(1).getBean(ClusterState.class);
        state.put("load/cpu", "0.75");
        state.put("other", "x");
        Recorder recorder = apps.get(0).getBean(Recorder.class);
        await().atMost(DEADLINE).until(() -> recorder.load.stream().anyMatch(e ->
                e.node().equals("node-b") && e.key().equals("load/cpu") && "0.75".equals(e.newValue())));
        assertThat(recorder.load).allMatch(e -> e.key().startsWith("load/"));
        assertThat(apps.get(0).getBean(ClusterState.class).get("node-b", "load/cpu")).isEqualTo("0.75");
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode cluster = get(0, "/actuator/plumtree");
            assertThat(cluster.get("state").get("node-b").get("load/cpu").asText()).isEqualTo("0.75");
            assertThat(cluster.get("state").get("node-c").get("version").asText()).as("initial keys")
                    .isEqualTo("1.c");
        });
        state.delete("load/cpu");
        await().atMost(DEADLINE).until(() -> recorder.load.stream().anyMatch(e ->
                e.key().equals("load/cpu") && e.newValue() == null && "0.75".equals(e.oldValue())));
    }

    @Test
    @Order(5)
    void closingOneApplicationGivesTheOthersALeftEventWithinTwoSeconds() {
        long closedAt = System.nanoTime();
        apps.get(2).close();
        for (int i = 0; i < 2; i++) {
            Recorder r = recorder(i);
            await().atMost(DEADLINE).until(() -> r.membership.stream().anyMatch(t ->
                    t.event() instanceof MemberLeftEvent left && left.member().name().name().equals("node-c")));
            long arrivedAt = r.membership.stream().filter(t -> t.event() instanceof MemberLeftEvent left
                    && left.member().name().name().equals("node-c")).findFirst().orElseThrow().nanos();
            assertThat(Duration.ofNanos(arrivedAt - closedAt)).isLessThan(Duration.ofSeconds(2));
            assertThat(r.membership).noneMatch(t -> t.event() instanceof MemberFailedEvent failed
                    && failed.member().name().name().equals("node-c"));
        }
    }
}
