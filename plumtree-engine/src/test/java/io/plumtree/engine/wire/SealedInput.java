package io.plumtree.engine.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.nio.ByteBuffer;

/**
 * A sealed packet body or frame body built from fuzzer data, for the sealed fuzz targets: the clear header of the
 * given kind, then a fuzzer-chosen clear body sealed by one of three senders, and maybe one bit flipped anywhere.
 * The receiver's {@link #RING} holds the keys of {@link Sender#PRIMARY} and {@link Sender#SECONDARY}, not that of
 * {@link Sender#STRANGER}.
 *
 * @param header     the clear envelope header (magic to label), the associated data
 * @param clearBody  what was sealed
 * @param sender     who sealed it
 * @param flippedBit the bit flipped after sealing, counted from the header's first bit, or -1 for none
 * @param bytes      header and sealed body, as sent (the flip included)
 */
record SealedInput(byte[] header, byte[] clearBody, Sender sender, int flippedBit, byte[] bytes) {

    /** Who sealed an input. */
    enum Sender {
        /** The receiver's primary key. */
        PRIMARY,
        /** The receiver's secondary key (a rotation under way). */
        SECONDARY,
        /** A key the receiver does not hold. */
        STRANGER
    }

    /** Largest offset drawn (for a flipped bit, a split): two bytes of fuzzer data. */
    static final int MAX_DRAWN_OFFSET = 0xFFFF;

    private static final byte[] PRIMARY_KEY = TestKeys.key(16, 1);
    private static final byte[] SECONDARY_KEY = TestKeys.key(32, 2);
    private static final byte[] STRANGER_KEY = TestKeys.key(24, 3);
    /** The receiving codecs' keys. */
    static final Keyring RING = Keyring.of(PRIMARY_KEY, SECONDARY_KEY);

    /** Sealers of each sender, indexed by ordinal; each with its own nonces, as two nodes would have. */
    private static final Sealer[] SEALERS = {
            new Sealer(Keyring.of(PRIMARY_KEY), TestKeys.counting(101)),
            new Sealer(Keyring.of(SECONDARY_KEY), TestKeys.counting(102)),
            new Sealer(Keyring.of(STRANGER_KEY), TestKeys.counting(103))};

    /** Draws sender, flip and clear body from {@code data}; the body takes the rest of it. */
    static SealedInput draw(FuzzedDataProvider data, int kind) {
        Sender sender = Sender.values()[data.consumeInt(0, Sender.values().length - 1)];
        boolean flip = data.consumeBoolean();
        int flipAt = data.consumeInt(0, MAX_DRAWN_OFFSET);
        byte[] clear = data.consumeRemainingAsBytes();
        byte[] header = RawBytes.envelope(kind | Sealer.SEALED_KIND, FuzzChecks.LABEL).bytes();
        byte[] sealed = SEALERS[sender.ordinal()].seal(clear, header);
        byte[] bytes = ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
        int bit = -1;
        if (flip) {
            bit = Math.floorMod(flipAt, 8 * bytes.length);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return new SealedInput(header, clear, sender, bit, bytes);
    }

    /** Whether a bit was flipped after sealing. */
    boolean tampered() {
        return flippedBit >= 0;
    }

    /** Whether the flipped bit is in the sealed part (nonce, ciphertext, tag) rather than the clear header. */
    boolean tamperedAfterHeader() {
        return flippedBit >= 8 * header.length;
    }

    /** Whether the receiver holds the sender's key. */
    boolean sealedWithOurKey() {
        return sender != Sender.STRANGER;
    }

    /** The same body as the receiver's clear counterpart would get it: the header of the clear kind, then the body. */
    byte[] inTheClear() {
        byte[] clearHeader = header.clone();
        clearHeader[3] &= (byte) ~Sealer.SEALED_KIND;
        return ByteBuffer.allocate(clearHeader.length + clearBody.length).put(clearHeader).put(clearBody).array();
    }
}
