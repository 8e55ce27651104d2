package io.plumtree.bench.node;

import java.util.List;

/**
 * One node of the implementation under test, in its own JVM. Every delivered payload, the node's own broadcasts
 * included, goes to the {@link DeliveryRecorder} it was built with.
 */
public interface BenchNode extends AutoCloseable {

    /** The address the other nodes reach this one at, {@code host:port}. */
    String address();

    /**
     * Joins the others; returns when this node is part of the group (others may still be joining).
     *
     * @param addresses every node's address, node 0 first
     */
    void join(List<String> addresses) throws Exception;

    /** Members (or, for the raw relay, links) this node sees up; equal to the node count once the group formed. */
    int alive();

    /** Broadcasts {@code payload} to every node; blocks while the implementation pushes back. */
    void publish(byte[] payload) throws Exception;

    /** Cuts this node's links to {@code addresses} (a partition when both sides do it); plumtree only. */
    default void cut(List<String> addresses) {
        throw new UnsupportedOperationException("no fault injection in this implementation");
    }

    /** Restores every cut link; plumtree only. */
    default void heal() {
        throw new UnsupportedOperationException("no fault injection in this implementation");
    }

    /** Loses this fraction of everything this node sends; plumtree only. */
    default void loss(double probability) {
        throw new UnsupportedOperationException("no fault injection in this implementation");
    }

    /** Members this node holds alive (suspect ones excluded), itself included. */
    default int aliveStrict() {
        return alive();
    }

    /** Implementation-specific counters as {@code name=value} pairs, for the progress log and the JSON line. */
    default String stats() {
        return "";
    }

    @Override
    void close();
}
