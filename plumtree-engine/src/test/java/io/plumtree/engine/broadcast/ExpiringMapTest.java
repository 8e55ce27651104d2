package io.plumtree.engine.broadcast;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringMapTest {

    @Test
    void entriesExpireAfterTheirTtl() {
        ExpiringMap<String, String> m = new ExpiringMap<>(100, 10, Long.MAX_VALUE, v -> 0);
        m.put("a", "1", 0);
        m.put("b", "2", 50);
        assertThat(m.get("a", 99)).isEqualTo("1");
        assertThat(m.get("a", 100)).isNull();
        assertThat(m.get("b", 100)).isEqualTo("2");
        assertThat(m.contains("b", 150)).isFalse();
        assertThat(m.size()).isZero();
        assertThat(m.evicted()).isEqualTo(2);
    }

    @Test
    void boundedInCountOldestFirst() {
        ExpiringMap<Integer, String> m = new ExpiringMap<>(1_000, 3, Long.MAX_VALUE, v -> 0);
        for (int i = 0; i < 5; i++) {
            m.put(i, "v" + i, i);
        }
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.get(0, 10)).isNull();
        assertThat(m.get(1, 10)).isNull();
        assertThat(m.get(4, 10)).isEqualTo("v4");
    }

    @Test
    void boundedInWeight() {
        ExpiringMap<Integer, byte[]> m = new ExpiringMap<>(1_000, 100, 10, v -> v.length);
        m.put(1, new byte[4], 0);
        m.put(2, new byte[4], 0);
        m.put(3, new byte[4], 0);
        assertThat(m.weight()).isEqualTo(8);
        assertThat(m.get(1, 0)).isNull();
        assertThat(m.get(3, 0)).hasSize(4);
    }

    @Test
    void replacingKeepsTheOriginalExpiry() {
        ExpiringMap<String, String> m = new ExpiringMap<>(100, 10, Long.MAX_VALUE, v -> 0);
        m.put("a", "1", 0);
        m.put("a", "2", 90);
        assertThat(m.get("a", 95)).isEqualTo("2");
        assertThat(m.get("a", 100)).isNull();
    }
}
