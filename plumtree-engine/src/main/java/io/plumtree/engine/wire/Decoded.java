package io.plumtree.engine.wire;

import java.util.Objects;

/**
 * The outcome of decoding remote input: a value, or the reason it was dropped. Decoders return this instead of
 * throwing, so a malformed or foreign packet never unwinds the event loop.
 *
 * @param <T> the decoded type
 */
public sealed interface Decoded<T> {

    /** Whether the input decoded to a value. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * The input decoded.
     *
     * @param value the decoded value
     * @param <T>   its type
     */
    record Ok<T>(T value) implements Decoded<T> {
        /** Validates the field. */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The input was dropped.
     *
     * @param reason why
     * @param <T>    the type that was expected
     */
    record Dropped<T>(DropReason reason) implements Decoded<T> {
        /** Validates the field. */
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
