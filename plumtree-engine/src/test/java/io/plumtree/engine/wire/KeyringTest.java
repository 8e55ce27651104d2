package io.plumtree.engine.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static io.plumtree.engine.wire.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyringTest {

    private final byte[] k1 = key(32, 1);
    private final byte[] k2 = key(16, 2);
    private final byte[] k3 = key(24, 3);

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32})
    void acceptsEveryAesKeyLength(int length) {
        assertThat(Keyring.of(key(length, 0)).size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 17, 23, 31, 33, 64})
    void refusesOtherLengthsNamingTheLength(int length) {
        assertThatThrownBy(() -> Keyring.of(key(length, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an AES key is 16, 24 or 32 bytes; got a key of " + length + " bytes");
        Keyring ring = Keyring.of(k1);
        assertThatThrownBy(() -> ring.withPrimary(key(length, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(length + " bytes");
        assertThatThrownBy(() -> ring.withSecondary(key(length, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(length + " bytes");
    }

    @Test
    void refusesAnEmptyKeyringAndRepeatedKeys() {
        assertThatThrownBy(Keyring::of).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a keyring needs at least one key");
        assertThatThrownBy(() -> Keyring.of(k1, k2, k1.clone())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 3 repeats");
        assertThatThrownBy(() -> Sealing.with(null, TestKeys.counting(0))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rotationBuildsNewKeyringsAndLeavesTheOldOnesAlone() {
        Keyring start = Keyring.of(k1);
        Keyring added = start.withSecondary(k2);
        assertThat(added.toString()).isEqualTo("Keyring[primary AES-256, AES-128]");
        Keyring promoted = added.withPrimary(k2);
        assertThat(promoted.toString()).isEqualTo("Keyring[primary AES-128, AES-256]");
        Keyring retired = promoted.without(k1);
        assertThat(retired.toString()).isEqualTo("Keyring[primary AES-128]");
        assertThat(retired.contains(k1)).isFalse();
        assertThat(retired.contains(k2)).isTrue();

        assertThat(start.size()).isEqualTo(1);
        assertThat(added.size()).isEqualTo(2);
        assertThat(promoted.size()).isEqualTo(2);
        assertThat(added.withSecondary(k2.clone())).isSameAs(added);
        assertThat(retired.without(k3)).isSameAs(retired);
        assertThat(Keyring.of(k1).withPrimary(k3).toString()).isEqualTo("Keyring[primary AES-192, AES-256]");
    }

    @Test
    void refusesToRemoveTheLastKey() {
        assertThatThrownBy(() -> Keyring.of(k1).without(k1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last key");
    }

    @Test
    void copiesTheKeysItIsGiven() {
        byte[] mutable = key(16, 9);
        Keyring ring = Keyring.of(mutable);
        byte[] original = mutable.clone();
        mutable[0]++;
        assertThat(ring.contains(original)).isTrue();
        assertThat(ring.contains(mutable)).isFalse();
    }

    @Test
    void keysNeverAppearInToString() {
        Keyring ring = Keyring.of(k1, k2, k3);
        Sealing sealing = Sealing.with(ring, TestKeys.counting(0));
        Sealer sealer = new Sealer(ring, TestKeys.counting(0));
        for (String s : new String[] {ring.toString(), sealing.toString(), sealer.toString()}) {
            for (byte[] k : new byte[][] {k1, k2, k3}) {
                assertThat(s).doesNotContainIgnoringCase(HexFormat.of().formatHex(k))
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString(k))
                        .doesNotContain(java.util.Arrays.toString(k))
                        .doesNotContain(new String(k, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(sealing.toString()).isEqualTo("Sealing[AES-GCM, Keyring[primary AES-256, AES-128, AES-192]]");
        assertThat(sealer.toString()).isEqualTo("Sealer[AES/GCM/NoPadding, 3 keys]");
        assertThat(Sealing.none().toString()).isEqualTo("Sealing[none]");
        assertThat(Sealing.none().overhead()).isZero();
        assertThat(sealing.overhead()).isEqualTo(28);
    }
}
