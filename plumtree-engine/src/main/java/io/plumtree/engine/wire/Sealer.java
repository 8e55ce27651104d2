package io.plumtree.engine.wire;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * Seals and opens bodies with AES-GCM ({@value #TRANSFORMATION}, 128-bit tag) under a {@link Keyring}:
 *
 * <pre>
 * nonce (12) | ciphertext (as long as the body) | tag (16)
 * </pre>
 *
 * <p>Sealing uses the primary key and a nonce from the {@link NonceSource}; opening tries every key, primary first,
 * and answers a drop, never an exception, when none authenticates. The associated data (the clear envelope header in
 * {@link PacketCodec} and {@link FrameCodec}) is authenticated but not carried: the opener must supply the same bytes.
 *
 * <p>Holds one {@link Cipher}: a sealer belongs to the one thread that owns its codec.
 */
public final class Sealer {

    /** Bytes of the nonce, sent in front of the ciphertext. */
    public static final int NONCE_BYTES = 12;
    /** Bytes of the authentication tag, sent after the ciphertext. */
    public static final int TAG_BYTES = 16;
    /** Bytes sealing adds to a body: nonce and tag. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;
    /**
     * Bit added to the {@link Envelope} kind of a sealed packet or frame, whose body (everything after the label) is
     * then nonce, ciphertext and tag, with the clear header (magic to label) as associated data.
     */
    public static final int SEALED_KIND = 0x80;

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 8 * TAG_BYTES;

    /** The keys, primary first. */
    private final SecretKeySpec[] keys;
    private final NonceSource nonces;
    /** Re-initialised for every seal and every key tried. */
    private final Cipher cipher;
    /** Scratch for the nonce of the body being sealed (GCMParameterSpec copies it). */
    private final byte[] sealNonce = new byte[NONCE_BYTES];
    /** Scratch for the nonce of the body being opened, apart so a nonce source never sees a received nonce. */
    private final byte[] openNonce = new byte[NONCE_BYTES];

    /** A sealer with the keys of {@code keyring} (as they are now) and nonces from {@code nonces}. */
    public Sealer(Keyring keyring, NonceSource nonces) {
        Objects.requireNonNull(keyring, "keyring");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        List<byte[]> bytes = keyring.keys();
        this.keys = new SecretKeySpec[bytes.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new SecretKeySpec(bytes.get(i), "AES");
        }
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("this JDK has no " + TRANSFORMATION, e);
        }
    }

    /**
     * {@code body} sealed with the primary key: nonce, ciphertext, tag ({@link #OVERHEAD} bytes more than the body).
     *
     * @throws IllegalStateException if the cipher refuses, for instance a nonce source repeating the last nonce
     */
    public byte[] seal(byte[] body, byte[] associatedData) {
        byte[] out = new byte[OVERHEAD + body.length];
        seal(ByteBuffer.wrap(body), ByteBuffer.wrap(associatedData), ByteBuffer.wrap(out));
        return out;
    }

    /**
     * Opens what {@link #seal} made with any key of the keyring and the same associated data. Never throws on remote
     * input: answers {@link DropReason#TRUNCATED} when it is shorter than {@link #OVERHEAD}, {@link DropReason#FORGED}
     * when no key authenticates it.
     */
    public Decoded<byte[]> open(byte[] sealed, byte[] associatedData) {
        try {
            return new Decoded.Ok<>(open(ByteBuffer.wrap(sealed), ByteBuffer.wrap(associatedData)).array());
        } catch (DropSignal e) {
            return new Decoded.Dropped<>(e.reason);
        }
    }

    /**
     * Seals {@code plain}'s remaining bytes into {@code out} at its position, advancing both; authenticates
     * {@code associatedData}'s remaining bytes.
     */
    void seal(ByteBuffer plain, ByteBuffer associatedData, ByteBuffer out) {
        nonces.next(sealNonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys[0], new GCMParameterSpec(TAG_BITS, sealNonce));
            cipher.updateAAD(associatedData);
            out.put(sealNonce);
            cipher.doFinal(plain, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to seal: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code sealed}'s remaining bytes (without moving its position) with {@code associatedData}'s remaining
     * bytes; answers the plaintext in a new buffer, ready to read, backed by an array of exactly its length.
     *
     * @throws DropSignal {@link DropReason#TRUNCATED} if too short for nonce and tag, {@link DropReason#FORGED} if no
     *                    key authenticates it
     */
    ByteBuffer open(ByteBuffer sealed, ByteBuffer associatedData) {
        if (sealed.remaining() < OVERHEAD) {
            throw new DropSignal(DropReason.TRUNCATED);
        }
        ByteBuffer in = sealed.slice();
        in.get(openNonce);
        ByteBuffer plain = ByteBuffer.allocate(in.remaining() - TAG_BYTES);
        for (SecretKeySpec key : keys) {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, openNonce));
                cipher.updateAAD(associatedData.duplicate());
                cipher.doFinal(in.duplicate(), plain.clear());
                return plain.flip();
            } catch (AEADBadTagException e) {
                // not this key (or forged): try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM refused to open: " + e.getMessage(), e);
            }
        }
        throw new DropSignal(DropReason.FORGED);
    }

    /**
     * The reader of the body that follows an {@link Envelope} header just read by {@code r} from {@code in}: {@code r}
     * itself when the envelope is clear, a reader of the opened plaintext when it is sealed. Position 0 of {@code in}
     * must be the header's first byte, its position the first byte after the label; the header is the associated
     * data.
     *
     * @param kind   the kind byte {@link Envelope#read} answered, {@link #SEALED_KIND} bit included
     * @param sealer the codec's sealer, or null when it does not seal
     * @throws DropSignal {@link DropReason#UNKNOWN_TYPE} for a sealed envelope without a sealer, {@link
     *                    DropReason#UNSEALED} for a clear one with a sealer, or what {@link #open} drops
     */
    static WireReader body(int kind, ByteBuffer in, WireReader r, Sealer sealer) {
        boolean sealed = (kind & SEALED_KIND) != 0;
        if (sealer == null) {
            if (sealed) {
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
            }
            return r;
        }
        if (!sealed) {
            throw new DropSignal(DropReason.UNSEALED);
        }
        return new WireReader(sealer.open(in.slice(), in.slice(0, in.position())));
    }

    /** The keyring's shape, never its keys. */
    @Override
    public String toString() {
        return "Sealer[" + TRANSFORMATION + ", " + keys.length + (keys.length == 1 ? " key]" : " keys]");
    }
}
