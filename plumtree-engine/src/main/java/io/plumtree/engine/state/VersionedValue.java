package io.plumtree.engine.state;

import io.plumtree.engine.encoding.Utf8;

import java.util.Objects;

/**
 * One key of one node's state at one version, as stored and as sent in a delta. Immutable, so one instance can be
 * shared by every copy of the state that holds it.
 *
 * <p>Encoded as the key (2 bytes of length, UTF-8), the version (8), a deletion flag (1) and, unless deleted, the
 * value (4 bytes of length, UTF-8): {@link #encodedSize()} bytes.
 *
 * @param key     the key, at most {@link StateConfig#maxKeyBytes()} bytes of UTF-8
 * @param value   the value, or {@code null} for a tombstone: the key was deleted at this version
 * @param version the owner's version of this write, unique within the owner's state and at least 1
 */
public record VersionedValue(String key, String value, long version) {

    /** Validates the fields. */
    public VersionedValue {
        Objects.requireNonNull(key, "key");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
    }

    /** Whether this is a tombstone, the mark a delete leaves until it is collected. */
    public boolean isTombstone() {
        return value == null;
    }

    /** Encoded bytes of this entry. */
    public int encodedSize() {
        return 2 + Utf8.length(key) + 8 + 1 + (value == null ? 0 : 4 + Utf8.length(value));
    }

    /** Encoded bytes of a live entry with a key and a value of these UTF-8 lengths. */
    static long encodedSize(int keyBytes, int valueBytes) {
        return 2L + keyBytes + 8 + 1 + 4 + valueBytes;
    }
}
