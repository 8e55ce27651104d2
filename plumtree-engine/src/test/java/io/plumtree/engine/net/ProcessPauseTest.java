package io.plumtree.engine.net;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node in another JVM stopped with {@code SIGSTOP} (a long GC pause, a starved container) and resumed with
 * {@code SIGCONT}. Stopped for less than the suspicion timeout it is never declared failed; stopped for longer it is,
 * and once resumed it refutes its death and is alive at every member again. The {@code local} preset with three
 * members: the shortest suspicion timeout is 3 × max(1, log10 3) × 1 s = 3 s after a failed probe round.
 */
class ProcessPauseTest {

    private static final NodeId CHILD = NodeId.of("paused");

    @Test
    void aPauseShorterThanTheSuspicionTimeoutIsNoFailureAndALongerOneIsAndThenRejoins() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("s", 2, b -> b);
            ConcurrentLinkedQueue<MembershipEvent> events = new ConcurrentLinkedQueue<>();
            nodes.forEach(n -> n.addMembershipListener(events::add));
            Process child = startChild(nodes.get(0).address());
            try {
                await().atMost(Duration.ofSeconds(15)).until(() ->
                        nodes.stream().allMatch(n -> n.stats().liveMembers() == 3));

                signal("STOP", child);
                Thread.sleep(1_000);
                signal("CONT", child);
                Thread.sleep(4_000); // a suspicion raised during the pause would have run out by now
                assertThat(events).as("a 1 s pause").noneMatch(e -> e.kind() == MembershipEvent.Kind.FAILED);
                assertThat(nodes).allMatch(n -> status(n) == ClusterMember.Status.ALIVE);

                signal("STOP", child);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        nodes.stream().allMatch(n -> status(n) == ClusterMember.Status.DEAD));
                assertThat(events).anyMatch(e -> e.kind() == MembershipEvent.Kind.FAILED
                        && e.member().name().equals(CHILD));
                signal("CONT", child);
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        nodes.stream().allMatch(n -> status(n) == ClusterMember.Status.ALIVE));
                assertThat(events).as("rejoined").anyMatch(e -> e.kind() == MembershipEvent.Kind.JOINED
                        && e.member().name().equals(CHILD) && e.member().incarnation() > 1);
                assertThat(child.isAlive()).isTrue();
            } finally {
                signal("CONT", child);
                child.destroyForcibly();
            }
        }
    }

    private static ClusterMember.Status status(ClusterNode node) {
        return node.members().stream().filter(m -> m.name().equals(CHILD)).map(ClusterMember::status).findFirst()
                .orElse(null);
    }

    private static Process startChild(String seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                NodeProcess.class.getName(), CHILD.name(), seed).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.startsWith("READY "));
        assertThat(line).as("child's output").isNotNull();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling while the child logs
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return child;
    }

    private static void signal(String name, Process child) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }
}
