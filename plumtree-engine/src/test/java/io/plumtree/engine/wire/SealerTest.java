package io.plumtree.engine.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.plumtree.engine.wire.TestKeys.key;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealerTest {

    private static final byte[] AAD = "header".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "the body".getBytes(StandardCharsets.UTF_8);

    private static byte[] opened(Decoded<byte[]> decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<byte[]>) decoded).value();
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32})
    void sealsAsNonceCiphertextTagThatTheJdkOpens(int length) throws Exception {
        byte[] k = key(length, 1);
        Sealer sealer = new Sealer(Keyring.of(k), TestKeys.counting(7));
        byte[] sealed = sealer.seal(BODY, AAD);
        assertThat(sealed).hasSize(BODY.length + Sealer.OVERHEAD);
        assertThat(Arrays.copyOf(sealed, 12)).containsExactly(0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1);

        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        jdk.updateAAD(AAD);
        assertThat(jdk.doFinal(sealed, 12, sealed.length - 12)).containsExactly(BODY);

        assertThat(opened(sealer.open(sealed, AAD))).containsExactly(BODY);
        assertThat(opened(sealer.open(sealer.seal(new byte[0], new byte[0]), new byte[0]))).isEmpty();
    }

    @Test
    void opensWithAnyKeyOfTheKeyring() {
        byte[] k1 = key(32, 1);
        byte[] k2 = key(16, 2);
        byte[] sealedWithK1 = new Sealer(Keyring.of(k1), TestKeys.counting(1)).seal(BODY, AAD);
        Keyring rotated = Keyring.of(k1).withPrimary(k2);
        assertThat(opened(new Sealer(rotated, TestKeys.counting(2)).open(sealedWithK1, AAD))).containsExactly(BODY);
        assertDropped(new Sealer(rotated.without(k1), TestKeys.counting(2)).open(sealedWithK1, AAD),
                DropReason.FORGED);
        byte[] sealedWithK2 = new Sealer(rotated, TestKeys.counting(2)).seal(BODY, AAD);
        assertDropped(new Sealer(Keyring.of(k1), TestKeys.counting(1)).open(sealedWithK2, AAD), DropReason.FORGED);
    }

    @Test
    void anyChangeOfCiphertextOrAssociatedDataIsForged() {
        Sealer sealer = new Sealer(Keyring.of(key(16, 1)), TestKeys.counting(1));
        byte[] sealed = sealer.seal(BODY, AAD);
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = sealed.clone();
                bad[i] ^= (byte) (1 << bit);
                assertDropped(sealer.open(bad, AAD), DropReason.FORGED);
            }
        }
        assertDropped(sealer.open(sealed, "heades".getBytes(StandardCharsets.UTF_8)), DropReason.FORGED);
        assertDropped(sealer.open(sealed, new byte[0]), DropReason.FORGED);
        assertDropped(sealer.open(Arrays.copyOf(sealed, sealed.length - 1), AAD), DropReason.FORGED);
        assertDropped(sealer.open(Arrays.copyOf(sealed, Sealer.OVERHEAD - 1), AAD), DropReason.TRUNCATED);
        assertDropped(sealer.open(new byte[Sealer.OVERHEAD], AAD), DropReason.FORGED);
    }

    @Test
    void aNonceSourceThatRepeatsIsRefusedBeforeItLeaksAnything() {
        Sealer sealer = new Sealer(Keyring.of(key(16, 1)), nonce -> Arrays.fill(nonce, (byte) 0));
        sealer.seal(BODY, AAD);
        assertThatThrownBy(() -> sealer.seal(BODY, AAD)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AES-GCM refused to seal");
    }
}
