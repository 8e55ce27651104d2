package io.plumtree.engine.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        WireLimits d = WireLimits.defaults();
        assertThat(d).isEqualTo(new WireLimits(1500, 8 * 1024 * 1024, 1024 * 1024, 4096, 4096, 100_000));
    }

    @Test
    void theDefaultDatagramHoldsTheDefaultPacketBudgetWithAShortLabel() {
        PacketCodec codec = new PacketCodec("x".repeat(93), WireLimits.defaults(), new DropCounters());
        assertThat(1400 + codec.headerBytes()).isEqualTo(1500);
    }

    @Test
    void nameBytesCoverTheLongestNodeId() {
        assertThat(WireLimits.MAX_NAME_BYTES).isEqualTo(765);
        assertThat(WireLimits.MAX_GOSSIP_FRAME_OVERHEAD).isEqualTo(5 + 255 + 28 + 767 + 1 + 775 + 8);
    }

    @Test
    void refusesLimitsOutOfRange() {
        assertThatThrownBy(() -> new WireLimits(511, 8 << 20, 1 << 20, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDatagramBytes");
        assertThatThrownBy(() -> new WireLimits(65_508, 8 << 20, 1 << 20, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDatagramBytes");
        assertThatThrownBy(() -> new WireLimits(1500, 1 << 20, 1 << 20, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> new WireLimits(1500, Integer.MAX_VALUE, 1 << 20, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> new WireLimits(1500, 8 << 20, 0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> new WireLimits(1500, 8 << 20, 1 << 20, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAnnouncements");
        assertThatThrownBy(() -> new WireLimits(1500, 8 << 20, 1 << 20, 1, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxGraftIds");
        assertThatThrownBy(() -> new WireLimits(1500, 8 << 20, 1 << 20, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPushPullStates");
    }

    @Test
    void dropCountersCountPerReason() {
        DropCounters c = new DropCounters();
        c.increment(DropReason.TRUNCATED);
        c.increment(DropReason.TRUNCATED);
        c.increment(DropReason.BAD_MAGIC);
        assertThat(c.get(DropReason.TRUNCATED)).isEqualTo(2);
        assertThat(c.total()).isEqualTo(3);
        assertThat(c.snapshot()).hasSize(DropReason.values().length).containsEntry(DropReason.BAD_MAGIC, 1L)
                .containsEntry(DropReason.FOREIGN_LABEL, 0L);
    }
}
