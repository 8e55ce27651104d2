package io.plumtree.engine.wire;

/** Why a packet, frame or message from the network was dropped instead of decoded. */
public enum DropReason {
    /** The first two bytes are not the magic {@code 0x50 0x54} ("PT"). */
    BAD_MAGIC,
    /** The version byte is not one this codec speaks. */
    UNKNOWN_VERSION,
    /** The cluster label differs from ours: traffic from another cluster. */
    FOREIGN_LABEL,
    /** An envelope kind or message type byte that is not defined, or not allowed where it appears. */
    UNKNOWN_TYPE,
    /** The input ends before a field, or before the length a prefix declared. */
    TRUNCATED,
    /** Bytes follow the last field of a packet or frame. */
    TRAILING_BYTES,
    /** A declared length (frame, string, payload) exceeds its limit. */
    TOO_LARGE,
    /** A field's value is refused: malformed UTF-8, a boolean other than 0 or 1, or a record constructor said no. */
    INVALID_FIELD,
    /** A declared list count exceeds its limit. */
    TOO_MANY_ELEMENTS,
    /** A clear packet or frame reached a codec that seals: a peer without the cluster key, or a downgrade. */
    UNSEALED,
    /** A sealed packet or frame that no key of ours authenticates: forged, corrupted, relabelled, unknown key. */
    FORGED
}
