package io.plumtree.engine.wire;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The AES keys of a cluster, in order: the first (the primary) seals, every key is tried, primary first, to open.
 * Immutable; rotation builds new keyrings (see {@code docs/wire-format.md}, "Sealing"):
 *
 * <ol>
 *   <li>{@link #withSecondary} the new key on every node, so every node can open what it will seal;</li>
 *   <li>{@link #withPrimary} the new key on every node, so every node seals with it;</li>
 *   <li>{@link #without} the old key on every node.</li>
 * </ol>
 *
 * <p>Keys are 16, 24 or 32 bytes (AES-128, -192, -256). A keyring copies the keys it is given and never hands them
 * out or prints them.
 */
public final class Keyring {

    /** The keys, primary first, each a private copy; never empty, never two equal. */
    private final List<byte[]> keys;

    private Keyring(List<byte[]> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * A keyring of {@code keys}, the first the primary.
     *
     * @throws IllegalArgumentException if there is no key, a key is not 16, 24 or 32 bytes, or a key appears twice
     */
    public static Keyring of(byte[]... keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.length == 0) {
            throw new IllegalArgumentException("a keyring needs at least one key");
        }
        List<byte[]> copies = new ArrayList<>(keys.length);
        for (byte[] key : keys) {
            byte[] copy = checked(key);
            if (indexOf(copies, copy) >= 0) {
                throw new IllegalArgumentException("a keyring holds each key once; key " + (copies.size() + 1)
                        + " repeats an earlier one");
            }
            copies.add(copy);
        }
        return new Keyring(copies);
    }

    /** A copy of {@code key}, refused unless it is an AES key length. */
    static byte[] checked(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes; got a key of " + key.length
                    + " bytes");
        }
        return key.clone();
    }

    private static int indexOf(List<byte[]> keys, byte[] key) {
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(keys.get(i), key)) {
                return i;
            }
        }
        return -1;
    }

    /** How many keys. */
    public int size() {
        return keys.size();
    }

    /** Whether {@code key} is in this keyring. */
    public boolean contains(byte[] key) {
        return indexOf(keys, Objects.requireNonNull(key, "key")) >= 0;
    }

    /** This keyring with {@code key} as primary: added in front, or moved there if present. */
    public Keyring withPrimary(byte[] key) {
        byte[] copy = checked(key);
        List<byte[]> next = new ArrayList<>(keys);
        int at = indexOf(next, copy);
        if (at >= 0) {
            next.remove(at);
        }
        next.add(0, copy);
        return new Keyring(next);
    }

    /** This keyring with {@code key} added last, to open with but not to seal; unchanged if already present. */
    public Keyring withSecondary(byte[] key) {
        byte[] copy = checked(key);
        if (indexOf(keys, copy) >= 0) {
            return this;
        }
        List<byte[]> next = new ArrayList<>(keys);
        next.add(copy);
        return new Keyring(next);
    }

    /**
     * This keyring without {@code key}; unchanged if absent. Removing the primary makes the next key primary.
     *
     * @throws IllegalArgumentException if {@code key} is the only key
     */
    public Keyring without(byte[] key) {
        int at = indexOf(keys, Objects.requireNonNull(key, "key"));
        if (at < 0) {
            return this;
        }
        if (keys.size() == 1) {
            throw new IllegalArgumentException("cannot remove the last key of a keyring; add its successor first");
        }
        List<byte[]> next = new ArrayList<>(keys);
        next.remove(at);
        return new Keyring(next);
    }

    /** The keys, primary first; package-private, never copied out of the package. */
    List<byte[]> keys() {
        return keys;
    }

    /** The number and sizes of the keys, never their bytes. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Keyring[");
        for (int i = 0; i < keys.size(); i++) {
            s.append(i == 0 ? "primary AES-" : ", AES-").append(keys.get(i).length * 8);
        }
        return s.append(']').toString();
    }
}
