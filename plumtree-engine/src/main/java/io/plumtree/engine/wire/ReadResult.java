package io.plumtree.engine.wire;

import java.util.Objects;

/** What one {@link FrameReader#read} call did: how many frames it delivered and dropped, and whether the stream died. */
public sealed interface ReadResult {

    /** Frames decoded and handed to the consumer. */
    int delivered();

    /** Frames dropped (and counted): foreign, malformed, of another version. The stream goes on after them. */
    int dropped();

    /** Whether the connection must be closed. */
    default boolean isFatal() {
        return this instanceof Fatal;
    }

    /**
     * The stream is still in step: read on.
     *
     * @param delivered frames delivered
     * @param dropped   frames dropped
     */
    record Open(int delivered, int dropped) implements ReadResult {
    }

    /**
     * The stream can no longer be cut into frames (a length prefix over the limit): close the connection. Every
     * later read answers this again and delivers nothing.
     *
     * @param reason    why
     * @param delivered frames delivered by this call before the fault
     * @param dropped   frames dropped by this call before the fault
     */
    record Fatal(DropReason reason, int delivered, int dropped) implements ReadResult {
        /** Validates the field. */
        public Fatal {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
