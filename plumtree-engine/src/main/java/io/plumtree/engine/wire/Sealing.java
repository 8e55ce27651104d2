package io.plumtree.engine.wire;

import java.util.Objects;

/**
 * Whether a {@link PacketCodec} or {@link FrameCodec} seals: {@link #none()}, the clear version-1 format, or
 * {@link #with} a keyring and a nonce source, AES-GCM on every packet and frame (DESIGN.md rule 5). A sealing codec
 * drops clear input ({@link DropReason#UNSEALED}); a clear one drops sealed input ({@link DropReason#UNKNOWN_TYPE}).
 */
public final class Sealing {

    private static final Sealing NONE = new Sealing(null, null);

    /** The keys, or null for no sealing. */
    private final Keyring keyring;
    /** Where nonces come from, or null for no sealing. */
    private final NonceSource nonces;

    private Sealing(Keyring keyring, NonceSource nonces) {
        this.keyring = keyring;
        this.nonces = nonces;
    }

    /** No sealing: packets and frames travel in the clear. */
    public static Sealing none() {
        return NONE;
    }

    /**
     * Seal with {@code keyring}'s primary key, open with any of its keys.
     *
     * @param nonces nonce source; the runtime passes {@code SecureRandom::nextBytes}
     */
    public static Sealing with(Keyring keyring, NonceSource nonces) {
        return new Sealing(Objects.requireNonNull(keyring, "keyring"), Objects.requireNonNull(nonces, "nonces"));
    }

    /** Whether packets and frames are sealed. */
    public boolean enabled() {
        return keyring != null;
    }

    /** Bytes sealing adds to each packet and frame: {@value Sealer#OVERHEAD}, or 0 without sealing. */
    public int overhead() {
        return enabled() ? Sealer.OVERHEAD : 0;
    }

    /** A new sealer for one codec (a sealer holds a cipher and is not shared), or null without sealing. */
    Sealer newSealer() {
        return enabled() ? new Sealer(keyring, nonces) : null;
    }

    @Override
    public String toString() {
        return enabled() ? "Sealing[AES-GCM, " + keyring + "]" : "Sealing[none]";
    }
}
