package io.plumtree.engine.wire;

/**
 * Where a {@link Sealer} takes the 12-byte AES-GCM nonce of each packet or frame it seals. The wire package draws no
 * randomness of its own (DESIGN.md rule 1, enforced by {@code SansIoArchitectureTest}): the runtime supplies
 * {@code SecureRandom::nextBytes}, tests a deterministic source.
 *
 * <p>A nonce must never repeat under one key: GCM with a repeated nonce leaks the XOR of two plaintexts and lets an
 * observer forge tags. With random nonces, rotate a key before it has sealed about 2<sup>32</sup> packets and frames
 * (NIST SP 800-38D, section 8.3).
 */
@FunctionalInterface
public interface NonceSource {

    /** Fills {@code nonce} (always {@value Sealer#NONCE_BYTES} bytes) with a nonce never used before under the key. */
    void next(byte[] nonce);
}
