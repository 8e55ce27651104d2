package io.plumtree.engine.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"lan", "wan", "local"})
    void presetsAreValidAndFoundByName(String name) {
        assertThat(StateConfig.preset(name)).isNotNull();
    }

    @Test
    void anUnknownPresetIsNamed() {
        assertThatThrownBy(() -> StateConfig.preset("moon")).hasMessageContaining("moon");
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        StateConfig.Builder b = StateConfig.lan().toBuilder();
        assertThatThrownBy(() -> b.fanout(0).build()).hasMessageContaining("fanout");
        assertThatThrownBy(() -> StateConfig.lan().toBuilder().gossipInterval(Duration.ZERO).build())
                .hasMessageContaining("gossipInterval");
        assertThatThrownBy(() -> StateConfig.lan().toBuilder().tombstoneGrace(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("tombstoneGrace");
        assertThatThrownBy(() -> StateConfig.lan().toBuilder().maxKeyBytes(70_000).build())
                .hasMessageContaining("maxKeyBytes");
    }

    @Test
    void theDeltaBoundMustHoldTheLargestEntry() {
        StateConfig c = StateConfig.lan();
        long largest = 4 + StateConfig.MAX_NODE_DELTA_HEADER_BYTES
                + VersionedValue.encodedSize(c.maxKeyBytes(), c.maxValueBytes());
        assertThat(c.toBuilder().maxDeltaBytes((int) largest).build().maxDeltaBytes()).isEqualTo(largest);
        assertThatThrownBy(() -> c.toBuilder().maxDeltaBytes((int) largest - 1).build())
                .hasMessageContaining("maxDeltaBytes");
    }

    @Test
    void theBuilderKeepsEveryValue() {
        StateConfig c = new StateConfig(Duration.ofSeconds(2), 4, 200_000, Duration.ofMinutes(3),
                Duration.ofMinutes(4), 100, 1_000, 50, 7);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }
}
