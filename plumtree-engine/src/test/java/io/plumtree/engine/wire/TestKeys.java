package io.plumtree.engine.wire;

import java.nio.ByteBuffer;

/** Deterministic keys and nonces for sealing tests. */
final class TestKeys {

    private TestKeys() {
    }

    /** A key of {@code length} bytes, different for each {@code seed}. */
    static byte[] key(int length, int seed) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return key;
    }

    /**
     * Nonces that never repeat: a 4-byte source id, then an 8-byte counter. Give every sender its own source id so
     * two senders sharing a key never share a nonce (the runtime uses SecureRandom instead).
     */
    static NonceSource counting(int sourceId) {
        long[] counter = {0};
        return nonce -> ByteBuffer.wrap(nonce).putInt(sourceId).putLong(++counter[0]);
    }

    /** Sealing with {@code keyring} and a counting nonce source. */
    static Sealing sealing(Keyring keyring, int sourceId) {
        return Sealing.with(keyring, counting(sourceId));
    }
}
