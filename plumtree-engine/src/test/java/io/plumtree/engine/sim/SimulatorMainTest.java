package io.plumtree.engine.sim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneJsonObjectAsTheLastLine() {
        assertThat(run("--scenario", "broadcast", "--nodes", "30", "--broadcasts", "5", "--senders", "3",
                "--warmup", "2", "--rate", "20", "--payload", "64", "--latency-ms", "2-4", "--loss", "0.01",
                "--view", "all", "--preset", "local", "--seed", "7", "--mode", "plumtree")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        String json = lines[lines.length - 1];
        assertThat(json).startsWith("{").endsWith("}");
        for (String key : new String[]{"nodes", "broadcasts", "reliability", "rmr", "ldh_max", "ldh_mean", "p50_last_ms", "p99_last_ms",
                "payload_msgs", "ihave_msgs", "graft_msgs", "prune_msgs", "sim_seconds", "wall_seconds"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
        assertThat(json).contains("\"nodes\":30", "\"broadcasts\":5", "\"reliability\":1.0");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("seed 7");
    }

    @Test
    void badFlagsExitWithStatusTwoAndSayWhy() {
        assertThat(run("--nodes", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nodes expects an integer, got 'many'", "usage");
        assertThat(run("--frobnicate", "1")).isEqualTo(2);
        assertThat(run("--scenario", "gossip-storm")).isEqualTo(2);
        assertThat(run("--scenario", "membership", "--broadcasts", "5")).as("a broadcast flag").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--broadcasts does not apply to --scenario membership");
        assertThat(run("--scenario", "membership", "--lifeguard", "maybe")).isEqualTo(2);
        assertThat(run("--scenario", "churn", "--crash", "0.99")).isEqualTo(2);
        assertThat(run("--preset", "huge")).isEqualTo(2);
        assertThat(run("--crash", "0.95", "--nodes", "20")).isEqualTo(2);
        assertThat(run("--set", "eagerFanout=many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--set eagerFanout: cannot read 'many' as int");
        assertThat(run("--set", "warpDrive=1")).isEqualTo(2);
        assertThat(run("--set", "eagerFanout=0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("eagerFanout must be positive");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void membershipScenarioReportsItsKeys() {
        assertThat(run("--scenario", "membership", "--nodes", "20", "--duration", "30", "--kill", "2", "--kill-at",
                "15", "--loss", "0.05", "--slow", "0.1", "--lifeguard", "off", "--seed", "3")).isZero();
        String json = lastLine();
        for (String key : new String[]{"nodes", "join_convergence_s", "first_detect_s", "dead_all_s",
                "false_positives", "false_positives_slow", "msgs_per_node_per_s", "bytes_per_node_per_s",
                "sim_seconds", "wall_seconds"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
        assertThat(json).contains("\"lifeguard\":\"off\"", "\"nodes\":20");
    }

    @Test
    void stateScenarioReportsConvergenceAndTraffic() {
        assertThat(run("--scenario", "state", "--nodes", "30", "--updates-per-node-per-s", "2", "--keys-per-node", "3",
                "--value-bytes", "32", "--duration", "8", "--latency-ms", "1-5", "--loss", "0.01", "--preset", "local",
                "--set", "fanout=2", "--seed", "5")).isZero();
        String json = lastLine();
        for (String key : new String[]{"nodes", "updates_per_node_per_s", "p50_converge_s", "p99_converge_s",
                "max_converge_s", "measured_writes", "unconverged", "bytes_per_node_per_s", "digest_bytes",
                "sim_seconds", "wall_seconds"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
        assertThat(json).contains("\"nodes\":30", "\"unconverged\":0", "\"set\":\"fanout=2\"");
        assertThat(run("--scenario", "state", "--set", "fanout=0")).isEqualTo(2);
        assertThat(run("--scenario", "state", "--rate", "3")).isEqualTo(2);
    }

    @Test
    void theStateScenarioIsReproducibleForASeed() {
        StateSettings settings = new StateSettings(20, 1, 1, 16, 8, NetworkOptions.lan(), "local", "", 9);
        String first = new StateScenario(settings, line -> { }).run().toJson(false);
        String second = new StateScenario(settings, line -> { }).run().toJson(false);
        assertThat(first).isEqualTo(second).contains("\"unconverged\":0");
    }

    @Test
    void churnScenarioReportsTheBroadcastKeysAndMembershipConvergence() {
        assertThat(run("--scenario", "churn", "--nodes", "20", "--crash", "0.3", "--crash-at", "12", "--broadcasts",
                "20", "--senders", "3", "--warmup", "5", "--rate", "10", "--seed", "4")).isZero();
        String json = lastLine();
        for (String key : new String[]{"nodes", "broadcasts", "reliability", "rmr", "ldh_max", "ldh_mean", "p50_last_ms", "p99_last_ms",
                "payload_msgs", "ihave_msgs", "graft_msgs", "prune_msgs", "membership_converged_s", "sim_seconds",
                "wall_seconds"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
    }

    private String lastLine() {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--scenario membership", "--scenario churn");
    }

    @Test
    void membershipOverridesNameSwimOrPlumtreeSettings() {
        assertThat(run("--scenario", "membership", "--nodes", "10", "--duration", "20", "--kill-at", "10",
                "--set", "joinSyncDelay=0,probeInterval=500ms,eagerFanout=2")).isZero();
        assertThat(lastLine()).contains("\"set\":\"joinSyncDelay=0,probeInterval=500ms,eagerFanout=2\"");
        assertThat(run("--scenario", "membership", "--set", "warpDrive=1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Plumtree or SWIM setting named 'warpDrive'");
    }

    @Test
    void overridesReachTheCores() {
        assertThat(run("--nodes", "40", "--broadcasts", "10", "--set",
                "optimizationThreshold=0,graftTimeout=250ms,ihaveInterval=0.05s")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"set\":\"optimizationThreshold=0,graftTimeout=250ms,ihaveInterval=0.05s\"");
    }
}
