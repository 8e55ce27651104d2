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

    /** Implementation-specific counters as {@code name=value} pairs, for the progress log and the JSON line. */
    default String stats() {
        return "";
    }

    @Override
    void close();
}
