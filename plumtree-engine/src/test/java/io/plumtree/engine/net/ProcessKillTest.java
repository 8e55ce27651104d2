package io.plumtree.engine.net;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A node in another JVM killed with {@code kill -9} is declared failed, not left. */
class ProcessKillTest {

    @Test
    void aKilledProcessIsDeclaredFailed() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("p", 2, b -> b);
            ConcurrentLinkedQueue<MembershipEvent> events = new ConcurrentLinkedQueue<>();
            nodes.get(0).addMembershipListener(events::add);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    NodeProcess.class.getName(), "child", nodes.get(0).address())
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("READY "));
                assertThat(line).as("child's output").isNotNull();
                NodeId childName = NodeId.of("child");
                await().atMost(Duration.ofSeconds(15)).until(() ->
                        nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));

                Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
                assertThat(kill.waitFor()).isZero();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (ClusterNode n : nodes) {
                        assertThat(n.members()).filteredOn(m -> m.name().equals(childName))
                                .extracting(ClusterMember::status).containsExactly(ClusterMember.Status.DEAD);
                    }
                });
                assertThat(events).anyMatch(e -> e.kind() == MembershipEvent.Kind.FAILED
                        && e.member().name().equals(childName));
                assertThat(events).noneMatch(e -> e.kind() == MembershipEvent.Kind.LEFT);
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
