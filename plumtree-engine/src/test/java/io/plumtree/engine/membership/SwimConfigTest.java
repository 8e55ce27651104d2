package io.plumtree.engine.membership;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwimConfigTest {

    @Test
    void lanIsMemberlistDefaultLanConfig() {
        SwimConfig c = SwimConfig.lan();
        assertThat(c.probeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.probeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.suspicionMult()).isEqualTo(4);
        assertThat(c.suspicionMaxTimeoutMult()).isEqualTo(6);
        assertThat(c.gossipInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.gossipNodes()).isEqualTo(3);
        assertThat(c.retransmitMult()).isEqualTo(4);
        assertThat(c.pushPullInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.indirectChecks()).isEqualTo(3);
        assertThat(c.awarenessMaxMultiplier()).isEqualTo(8);
        assertThat(c.gossipToTheDeadTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.deadNodeReclaimTime()).isZero();
        assertThat(c.packetBudget()).isEqualTo(1400);
        assertThat(c.maxMetadataBytes()).isEqualTo(512);
        assertThat(c.lifeguard()).isTrue();
    }

    @Test
    void wanAndLocalPresets() {
        SwimConfig wan = SwimConfig.wan();
        assertThat(wan.probeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(wan.probeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(wan.suspicionMult()).isEqualTo(6);
        assertThat(wan.gossipInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(wan.gossipNodes()).isEqualTo(4);
        assertThat(wan.pushPullInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(wan.gossipToTheDeadTime()).isEqualTo(Duration.ofSeconds(60));
        SwimConfig local = SwimConfig.local();
        assertThat(local.probeTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(local.suspicionMult()).isEqualTo(3);
        assertThat(local.gossipInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(local.pushPullInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(local.gossipToTheDeadTime()).isEqualTo(Duration.ofSeconds(15));
        assertThat(SwimConfig.preset("wan")).isEqualTo(wan);
        assertThatThrownBy(() -> SwimConfig.preset("moon")).hasMessageContaining("lan, wan, local");
    }

    @Test
    void lifeguardSwitchesAllThreePartsTogether() {
        SwimConfig off = SwimConfig.lan().toBuilder().lifeguard(false).build();
        assertThat(off.awarenessEnabled()).isFalse();
        assertThat(off.dynamicSuspicion()).isFalse();
        assertThat(off.buddySystem()).isFalse();
        assertThat(off.lifeguard()).isFalse();
        assertThat(off.toBuilder().lifeguard(true).build()).isEqualTo(SwimConfig.lan());
    }

    @Test
    void validationNamesTheSetting() {
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().probeTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probeTimeout");
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().gossipNodes(0).build())
                .hasMessageContaining("gossipNodes");
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().packetBudget(100).build())
                .hasMessageContaining("packetBudget");
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().maxMetadataBytes(1_350).build())
                .hasMessageContaining("maxMetadataBytes");
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().deadNodeReclaimTime(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("deadNodeReclaimTime");
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().probeInterval(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("probeInterval");
    }

    @Test
    void theReconnectHasPresetValuesAndChecksItsBounds() {
        assertThat(SwimConfig.lan().reconnectInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(SwimConfig.lan().reconnectTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(SwimConfig.wan().reconnectInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SwimConfig.wan().reconnectTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(SwimConfig.local().reconnectInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SwimConfig.local().reconnectTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SwimConfig.lan().toBuilder().reconnectInterval(Duration.ZERO).build().reconnectInterval())
                .as("zero turns it off").isZero();
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().reconnectInterval(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("reconnectInterval");
        assertThatThrownBy(() -> SwimConfig.lan().toBuilder().reconnectTimeout(Duration.ZERO).build())
                .hasMessageContaining("reconnectTimeout");
    }
}
