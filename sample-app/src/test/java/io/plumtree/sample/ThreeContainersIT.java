package io.plumtree.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.lifecycle.Startables;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three sample-app containers on one Docker network, built from the app's jar ({@link SampleAppImage}), each joining
 * through node-1 by its network alias: a notice reaches all three; a node cut off the network is declared failed by
 * the other two and rejoins when connected again; a node paused for less than the suspicion timeout is declared
 * failed by nobody. Runs in {@code ./mvnw verify} after {@code package}; skipped without Docker except with
 * {@code CI=true} ({@link LocalDocker}).
 */
class ThreeContainersIT {

    private static final Logger log = LoggerFactory.getLogger(ThreeContainersIT.class);

    /**
     * Membership timings, the {@code lan} preset's but for the suspicion multiplier: probes every second, and a
     * suspected member is declared failed 8 s after the first suspicion (suspicion-mult * probe-interval: three members
     * are too few for Lifeguard to wait for confirmations), well above {@link #PAUSE}.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "PLUMTREE_PRESET", "lan",
            "PLUMTREE_MEMBERSHIP_PROBEINTERVAL", "1s",
            "PLUMTREE_MEMBERSHIP_SUSPICIONMULT", "8",
            "PLUMTREE_LEAVEPROPAGATION", "300ms");
    /** The shortest time from a suspicion to a failure declaration, as {@link #SETTINGS} make it. */
    private static final Duration SUSPICION_TIMEOUT = Duration.ofSeconds(8);
    /** How long the pause test freezes a node: a quarter of the suspicion timeout. */
    private static final Duration PAUSE = Duration.ofSeconds(2);
    /** Longest wait for the cluster to form, deliver, detect a failure or heal. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static ImageFromDockerfile image;
    private static Network network;
    private static final List<SampleAppContainer> nodes = new ArrayList<>();

    @BeforeAll
    static void startThreeContainers() {
        LocalDocker.require();
        log.info("building the sample app's image on {}", SampleAppImage.baseImage());
        image = SampleAppImage.build();
        network = Network.newNetwork();
        String seed = "node-1:" + SampleAppImage.CLUSTER_PORT;
        nodes.add(new SampleAppContainer(image, network, "node-1", "", SETTINGS));
        nodes.add(new SampleAppContainer(image, network, "node-2", seed, SETTINGS));
        nodes.add(new SampleAppContainer(image, network, "node-3", seed, SETTINGS));
        Startables.deepStart(nodes.stream().map(SampleAppContainer::container)).join();
    }

    @AfterAll
    static void stopAll() {
        nodes.forEach(node -> node.container().stop());
        if (network != null) {
            network.close();
        }
        if (image != null && image.isDone()) {
            SampleAppImage.remove(image);
        }
    }

    @BeforeEach
    void threeAliveMembers() {
        awaitEveryone(nodes, "three ALIVE members", "ALIVE", "ALIVE", "ALIVE");
    }

    private static SampleAppContainer node(int i) {
        return nodes.get(i - 1);
    }

    /** Waits until each of {@code observers} lists node-1, node-2 and node-3 with these statuses. */
    private static void awaitEveryone(List<SampleAppContainer> observers, String what, String... statuses) {
        Map<String, String> expected = Map.of("node-1", statuses[0], "node-2", statuses[1], "node-3", statuses[2]);
        for (SampleAppContainer observer : observers) {
            await(observer.name() + " sees " + what).atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().untilAsserted(() -> assertThat(observer.members()).isEqualTo(expected));
        }
    }

    /** Waits until each of {@code receivers} delivered the message {@code id}. */
    private static void awaitDelivery(List<SampleAppContainer> receivers, String id) {
        for (SampleAppContainer receiver : receivers) {
            await(receiver.name() + " delivers " + id).atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().untilAsserted(() -> assertThat(receiver.delivered()).contains(id));
        }
    }

    @Test
    void aNoticePublishedOverHttpOnOneContainerIsDeliveredByAllThree() throws Exception {
        String id = node(2).publish("hello from node-2 " + UUID.randomUUID());
        assertThat(id).startsWith("node-2");
        awaitDelivery(nodes, id);
    }

    /**
     * Docker gives node-3 an address again on reconnecting, its old one when still free (as Docker 20.10 does here);
     * the test logs both. Not covered: node-3 coming back at a new address while its old one is taken. The others
     * then keep sending to the old one, as the engine's event loop keeps a peer name's resolved address for its life,
     * and node-3 is declared failed again later.
     */
    @Test
    void aContainerCutOffTheNetworkIsDeclaredFailedAndRejoinsWhenConnectedAgain() throws Exception {
        String addressBefore = node(3).networkAddress();
        node(3).disconnect();
        awaitEveryone(List.of(node(1), node(2)), "node-3 failed", "ALIVE", "ALIVE", "DEAD");

        node(3).reconnect();
        log.info("node-3 was at {} on the network, and is at {} after reconnecting", addressBefore,
                node(3).networkAddress());
        awaitEveryone(nodes, "three ALIVE members again", "ALIVE", "ALIVE", "ALIVE");
        String id = node(3).publish("node-3 is back " + UUID.randomUUID());
        awaitDelivery(nodes, id);
    }

    @Test
    void aContainerPausedForLessThanTheSuspicionTimeoutIsDeclaredFailedByNobody() throws Exception {
        long[] before = nodes.stream().mapToLong(SampleAppContainer::failureDeclarations).toArray();
        node(2).pause();
        try {
            Thread.sleep(PAUSE.toMillis());
        } finally {
            node(2).unpause();
        }
        // Had node-2's suspicion run its course, node-1 and node-3 would have declared it failed by now.
        Thread.sleep(SUSPICION_TIMEOUT.plusSeconds(4).toMillis());
        awaitEveryone(nodes, "three ALIVE members after the pause", "ALIVE", "ALIVE", "ALIVE");
        long[] after = nodes.stream().mapToLong(SampleAppContainer::failureDeclarations).toArray();
        assertThat(after).as("failure declarations logged by node-1, node-2 and node-3").containsExactly(before);
    }
}
