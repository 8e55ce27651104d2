package io.plumtree.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgsTest {

    @Test
    void defaultsPerScenario() {
        BenchArgs b = BenchArgs.parse();
        assertThat(b).isEqualTo(new BenchArgs("broadcast", "plumtree", 3, 1024, 20, 0, 60, 10,
                BenchArgs.DEFAULT_NODE_JVM, 0.2, 1, 0, 100, 2, 30, ""));
        BenchArgs m = BenchArgs.parse("--scenario", "membership", "--nodes", "20");
        assertThat(m.seconds()).isEqualTo(60);
        assertThat(m.warmup()).isEqualTo(20);
        assertThat(m.nodes()).isEqualTo(20);
        assertThat(BenchArgs.parse("--scenario", "partition").seconds()).isEqualTo(60);
        BenchArgs loss = BenchArgs.parse("--scenario", "loss");
        assertThat(loss.seconds()).isEqualTo(300);
        assertThat(loss.rate()).isEqualTo(20);
        assertThat(loss.loss()).isEqualTo(0.2);
    }

    @Test
    void aRatedBroadcastWarmsUpPastTheMessageLogsFirstEviction() {
        assertThat(BenchArgs.parse("--nodes", "10", "--rate", "1000").warmup()).as("65,536 / 1,000 + 25, rounded up")
                .isEqualTo(91);
        assertThat(BenchArgs.parse("--rate", "2000").warmup()).as("the logs fill at 33 s").isEqualTo(60);
        assertThat(BenchArgs.parse("--rate", "100").warmup()).as("at most").isEqualTo(180);
        assertThat(BenchArgs.parse().warmup()).as("full speed").isEqualTo(60);
        assertThat(BenchArgs.parse("--rate", "1000", "--warmup", "30").warmup()).as("as given").isEqualTo(30);
        assertThat(BenchArgs.parse("--scenario", "loss").warmup()).as("other scenarios keep theirs").isEqualTo(5);
    }

    @Test
    void plumtreeSettingsAreCheckedBeforeAnyNodeStarts() {
        assertThat(BenchArgs.parse("--set", "maxEagerPeers=3,maxInFlight=0").set())
                .isEqualTo("maxEagerPeers=3,maxInFlight=0");
        assertThatThrownBy(() -> BenchArgs.parse("--set", "maxEagerPeer=3")).hasMessageContaining("maxEagerPeer");
        assertThatThrownBy(() -> BenchArgs.parse("--set", "maxEagerPeers=1")).as("below eagerFanout")
                .hasMessageContaining("maxEagerPeers");
        assertThatThrownBy(() -> BenchArgs.parse("--impl", "raw", "--set", "maxEagerPeers=3"))
                .hasMessageContaining("plumtree nodes only");
    }

    @Test
    void parsesEveryFlag() {
        BenchArgs b = BenchArgs.parse("--impl", "Plumtree", "--nodes", "10", "--payload", "512", "--seconds", "30",
                "--rate", "1000.5", "--warmup", "3", "--grace", "7", "--node-jvm", "-Xmx1g", "--loss", "0.1",
                "--slow-listener-ms", "5", "--backlog", "1000", "--per-side", "50", "--short-pause", "1.5",
                "--long-pause", "40", "--set", "maxInFlight=0");
        assertThat(b).isEqualTo(new BenchArgs("broadcast", "plumtree", 10, 512, 30, 1000.5, 3, 7, "-Xmx1g", 0.1, 5,
                1000, 50, 1.5, 40, "maxInFlight=0"));
        assertThat(BenchArgs.parse("--impl", "JGroups").impl()).isEqualTo("jgroups");
    }

    @Test
    void helpIsNull() {
        assertThat(BenchArgs.parse("--nodes", "4", "--help")).isNull();
        assertThat(BenchArgs.HELP).contains("--scenario", "--impl", "--nodes", "--payload", "--seconds", "--rate",
                "--warmup", "--grace", "--node-jvm", "--loss", "--per-side", "--short-pause", "--long-pause",
                "--slow-listener-ms", "--backlog", "partition", "loss", "pause", "soak");
    }

    @Test
    void rejectsBadInputNamingTheFlag() {
        assertThatThrownBy(() -> BenchArgs.parse("--nodes", "x")).hasMessageContaining("--nodes");
        assertThatThrownBy(() -> BenchArgs.parse("--nodes")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchArgs.parse("--frobnicate", "1")).hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> BenchArgs.parse("--impl", "kafka")).hasMessageContaining("--impl");
        assertThatThrownBy(() -> BenchArgs.parse("--payload", "8")).hasMessageContaining("--payload");
        assertThatThrownBy(() -> BenchArgs.parse("--nodes", "1")).hasMessageContaining("--nodes");
        assertThatThrownBy(() -> BenchArgs.parse("--scenario", "membership", "--impl", "raw"))
                .hasMessageContaining("plumtree only");
        assertThatThrownBy(() -> BenchArgs.parse("--scenario", "partition", "--impl", "jgroups"))
                .hasMessageContaining("plumtree only");
        assertThatThrownBy(() -> BenchArgs.parse("--scenario", "loss", "--loss", "1.5"))
                .hasMessageContaining("--loss");
        assertThatThrownBy(() -> BenchArgs.parse("--scenario", "chaos")).hasMessageContaining("--scenario");
    }
}
