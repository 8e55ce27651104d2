package io.plumtree.bench.node;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeOptionsTest {

    @Test
    void parsesTheCoordinatorsCommandLine() {
        NodeOptions o = NodeOptions.parse("--impl", "raw", "--index", "2", "--nodes", "3", "--ports", "7001,7002,7003",
                "--capacity", "5000");
        assertThat(o).isEqualTo(new NodeOptions("raw", 2, 3, List.of(7001, 7002, 7003), 5000, "broadcast", 0, 0, ""));
        assertThat(o.port()).isEqualTo(7003);
        assertThat(NodeOptions.parse("--impl", "plumtree", "--index", "0", "--nodes", "2", "--ports", "1,2",
                "--scenario", "soak", "--slow-listener-ms", "3", "--backlog", "500", "--set", "maxEagerPeers=3"))
                .isEqualTo(new NodeOptions("plumtree", 0, 2, List.of(1, 2), 1 << 20, "soak", 3, 500, "maxEagerPeers=3"));
    }

    @Test
    void rejectsIncompleteOptions() {
        assertThatThrownBy(() -> NodeOptions.parse("--impl", "raw", "--index", "3", "--nodes", "3", "--ports",
                "1,2,3")).hasMessageContaining("incomplete");
        assertThatThrownBy(() -> NodeOptions.parse("--what", "1")).hasMessageContaining("--what");
    }
}
