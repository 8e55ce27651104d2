package io.plumtree.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgsTest {

    @Test
    void defaultsPerScenario() {
        BenchArgs b = BenchArgs.parse();
        assertThat(b).isEqualTo(new BenchArgs("broadcast", "plumtree", 3, 1024, 20, 0, 5, 10,
                BenchArgs.DEFAULT_NODE_JVM));
        BenchArgs m = BenchArgs.parse("--scenario", "membership", "--nodes", "20");
        assertThat(m.seconds()).isEqualTo(60);
        assertThat(m.warmup()).isEqualTo(20);
        assertThat(m.nodes()).isEqualTo(20);
    }

    @Test
    void parsesEveryFlag() {
        BenchArgs b = BenchArgs.parse("--impl", "JGroups", "--nodes", "10", "--payload", "512", "--seconds", "30",
                "--rate", "1000.5", "--warmup", "3", "--grace", "7", "--node-jvm", "-Xmx1g");
        assertThat(b).isEqualTo(new BenchArgs("broadcast", "jgroups", 10, 512, 30, 1000.5, 3, 7, "-Xmx1g"));
    }

    @Test
    void helpIsNull() {
        assertThat(BenchArgs.parse("--nodes", "4", "--help")).isNull();
        assertThat(BenchArgs.HELP).contains("--scenario", "--impl", "--nodes", "--payload", "--seconds", "--rate",
                "--warmup", "--grace", "--node-jvm");
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
    }
}
