package io.plumtree.engine.broadcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlumtreeConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"lan", "wan", "local", "largeCluster"})
    void presetsAreValid(String name) {
        PlumtreeConfig c = PlumtreeConfig.preset(name);
        assertThat(c.eagerFanout()).isPositive();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void lanStartsFromTheSeedCratesDefaults() {
        PlumtreeConfig c = PlumtreeConfig.lan();
        assertThat(c.eagerFanout()).isEqualTo(3);
        assertThat(c.lazyFanout()).isEqualTo(6);
        assertThat(c.ihaveInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.graftTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void unknownPresetIsNamed() {
        assertThatThrownBy(() -> PlumtreeConfig.preset("galaxy"))
                .hasMessageContaining("galaxy").hasMessageContaining("largeCluster");
    }

    @Test
    void theInFlightWindowIsAtMostTheCacheAndZeroTurnsItOff() {
        assertThat(PlumtreeConfig.lan().maxInFlight()).isEqualTo(8_192);
        assertThat(PlumtreeConfig.lan().inFlightWindow()).isEqualTo(8_192);
        assertThat(PlumtreeConfig.lan().toBuilder().cacheMaxMessages(1_000).build().inFlightWindow())
                .as("never more than the cache holds").isEqualTo(1_000);
        assertThat(PlumtreeConfig.lan().toBuilder().maxInFlight(0).build().inFlightWindow()).isZero();
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().maxInFlight(-1).build())
                .hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().laggardTimeout(Duration.ZERO).build())
                .hasMessageContaining("laggardTimeout");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().eagerFanout(0).build())
                .hasMessageContaining("eagerFanout");
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().maxEagerPeers(2).build())
                .hasMessageContaining("maxEagerPeers");
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().seenTtl(Duration.ofSeconds(1)).build())
                .hasMessageContaining("seenTtl");
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().graftTimeout(Duration.ZERO).build())
                .hasMessageContaining("graftTimeout");
        assertThatThrownBy(() -> PlumtreeConfig.lan().toBuilder().maxPayloadBytes(1 << 30).build())
                .hasMessageContaining("maxPayloadBytes");
    }
}
