package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedNamesTest {

    private final EncodedNames names = new EncodedNames();

    @Test
    void answersEachNameWithItsOwnUtf8AsNamesComeAndGo() {
        NodeId[] ids = {NodeId.of("node-a"), NodeId.of("ノード-b"), NodeId.of("node-\uD83D\uDE00-c"), NodeId.of("d")};
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < ids.length; i++) {
                NodeId id = ids[(i * (round + 1)) % ids.length];
                assertThat(names.utf8(id)).as("round %d, %s", round, id)
                        .isEqualTo(id.name().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void keepsTheLastTwoNamesAndAnEqualIdFindsThem() {
        byte[] a = names.utf8(NodeId.of("alpha"));
        byte[] b = names.utf8(NodeId.of("beta"));
        assertThat(names.utf8(new NodeId("alpha"))).isSameAs(a);
        assertThat(names.utf8(new NodeId("beta"))).isSameAs(b);
        names.utf8(NodeId.of("gamma")); // replaces one of the two
        byte[] again = names.utf8(NodeId.of("alpha"));
        byte[] againB = names.utf8(NodeId.of("beta"));
        assertThat(again).isEqualTo("alpha".getBytes(StandardCharsets.UTF_8));
        assertThat(againB).isEqualTo("beta".getBytes(StandardCharsets.UTF_8));
    }
}
