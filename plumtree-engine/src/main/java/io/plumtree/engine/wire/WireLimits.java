package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;

/**
 * Upper bounds on what the codecs encode and accept. A decoder checks every declared length and count against these
 * (and against the bytes actually present) before it allocates; an encoder refuses to produce what a peer with the
 * same limits would drop.
 *
 * @param maxDatagramBytes  largest UDP datagram, envelope included; SWIM's packet budget (the sum of the messages'
 *                          {@code encodedSize()}, 1400 by default) plus the packet header (and the 28 bytes of
 *                          nonce and tag when sealing) must fit
 * @param maxFrameBytes     largest TCP frame, counted as the value of its length prefix (the 4 prefix bytes excluded)
 * @param maxPayloadBytes   largest Plumtree gossip payload
 * @param maxAnnouncements  most announcements in one IHAVE, and most runs in one DIGEST
 * @param maxGraftIds       most message ids in one GRAFT
 * @param maxPushPullStates most member entries in one push-pull
 */
public record WireLimits(int maxDatagramBytes, int maxFrameBytes, int maxPayloadBytes, int maxAnnouncements,
                         int maxGraftIds, int maxPushPullStates) {

    /** Longest cluster label, in UTF-8 bytes (its length is one byte). */
    public static final int MAX_LABEL_BYTES = 255;

    /**
     * Longest node name, in UTF-8 bytes: {@link NodeId#MAX_LENGTH} UTF-16 chars take at most 3 bytes each (a
     * surrogate pair, 2 chars, takes 4).
     */
    public static final int MAX_NAME_BYTES = 3 * NodeId.MAX_LENGTH;

    /** Longest member address, in UTF-8 bytes. */
    public static final int MAX_ADDRESS_BYTES = 1024;

    /** Largest UDP payload over IPv4 (65535 - 8 UDP header - 20 IP header). */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    /**
     * Bytes of the largest gossip frame besides its payload (length prefix excluded): envelope with the longest label
     * (5 + 255), nonce and tag of a sealed frame (28), sender (2 + 765), type (1), message id (2 + 765 + 8), hops
     * (4), payload length (4).
     */
    public static final int MAX_GOSSIP_FRAME_OVERHEAD = Envelope.HEADER_BYTES + MAX_LABEL_BYTES + Sealer.OVERHEAD
            + (2 + MAX_NAME_BYTES) + 1 + (2 + MAX_NAME_BYTES + 8) + 4 + 4;

    /** Smallest datagram limit accepted: the longest packet header and a few messages. */
    public static final int MIN_DATAGRAM_BYTES = 512;

    /** Validates the limits. */
    public WireLimits {
        if (maxDatagramBytes < MIN_DATAGRAM_BYTES || maxDatagramBytes > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("maxDatagramBytes must be between " + MIN_DATAGRAM_BYTES + " and "
                    + MAX_UDP_PAYLOAD + ", got " + maxDatagramBytes);
        }
        positive("maxPayloadBytes", maxPayloadBytes);
        positive("maxAnnouncements", maxAnnouncements);
        positive("maxGraftIds", maxGraftIds);
        positive("maxPushPullStates", maxPushPullStates);
        if ((long) maxFrameBytes < (long) maxPayloadBytes + MAX_GOSSIP_FRAME_OVERHEAD
                || maxFrameBytes > Integer.MAX_VALUE - 4) {
            throw new IllegalArgumentException("maxFrameBytes must hold the largest payload (" + maxPayloadBytes
                    + ") plus " + MAX_GOSSIP_FRAME_OVERHEAD + " bytes of headers, and stay below 2 GiB; got "
                    + maxFrameBytes);
        }
    }

    /**
     * The defaults: datagrams of 1500 bytes (a 1400-byte SWIM packet budget plus the header, for labels up to 93
     * bytes, or 65 when sealing), frames of 8 MiB, payloads of 1 MiB, 4096 announcements per IHAVE and ids per GRAFT, 100,000 member
     * entries per push-pull.
     */
    public static WireLimits defaults() {
        return new WireLimits(1_500, 8 << 20, 1 << 20, 4_096, 4_096, 100_000);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
