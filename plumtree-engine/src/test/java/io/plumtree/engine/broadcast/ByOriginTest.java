package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The remembered last entry never answers for a removed origin, and never changes the eviction order. */
class ByOriginTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");

    @Test
    void anEqualIdOfAnotherInstanceFindsTheSameEntryAndARemovedOriginIsGoneEvenRightAfterALookup() {
        ByOrigin<String> m = new ByOrigin<>(false);
        m.put(A, "x");
        assertThat(m.get(A)).isEqualTo("x");
        assertThat(m.get(NodeId.of("a"))).isEqualTo("x");
        assertThat(m.get(A)).isEqualTo("x");
        assertThat(m.remove(NodeId.of("a"))).isEqualTo("x");
        assertThat(m.get(A)).as("the remembered entry went with it").isNull();
        assertThat(m.size()).isZero();
        assertThat(m.eldest()).isNull();
        m.put(A, "y");
        assertThat(m.get(A)).isEqualTo("y");
    }

    @Test
    void withAccessOrderTheEldestIsTheLeastRecentlyUsedHitsIncluded() {
        ByOrigin<String> m = new ByOrigin<>(true);
        m.put(A, "a");
        m.put(B, "b");
        assertThat(m.eldest()).isEqualTo(A);
        m.get(A);
        m.get(A); // a hit on the remembered entry: A is already the most recently used
        assertThat(m.eldest()).isEqualTo(B);
        m.get(B);
        assertThat(m.eldest()).isEqualTo(A);
        assertThat(m.values()).containsExactly("a", "b");
        m.remove(m.eldest());
        assertThat(m.values()).containsExactly("b");
        assertThat(m.get(B)).isEqualTo("b");
    }

    @Test
    void withInsertionOrderLookupsChangeNothing() {
        ByOrigin<String> m = new ByOrigin<>(false);
        m.put(A, "a");
        m.put(B, "b");
        m.get(A);
        assertThat(m.eldest()).isEqualTo(A);
    }
}
