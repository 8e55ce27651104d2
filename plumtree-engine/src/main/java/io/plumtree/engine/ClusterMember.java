package io.plumtree.engine;

import java.util.Objects;

/**
 * What a node knows about one member, at the moment it was asked.
 *
 * @param name        the member's name
 * @param address     the address it advertises, {@code host:port}
 * @param status      its state as this node sees it
 * @param incarnation its incarnation number: raised by the member to refute a suspicion or announce new metadata
 * @param metadata    its metadata (a copy)
 */
public record ClusterMember(NodeId name, String address, Status status, long incarnation, byte[] metadata) {

    /** A member's state, as SWIM knows it. */
    public enum Status {
        /** Answering probes. */
        ALIVE,
        /** Missed a probe; declared failed unless it refutes in time. */
        SUSPECT,
        /** Declared failed. */
        DEAD,
        /** Left gracefully. */
        LEFT
    }

    /** Validates the fields and copies the metadata. */
    public ClusterMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        metadata = Objects.requireNonNull(metadata, "metadata").clone();
    }

    /** The metadata (a copy). */
    @Override
    public byte[] metadata() {
        return metadata.clone();
    }

    /** Whether the member counts as part of the cluster: alive or suspect. */
    public boolean live() {
        return status == Status.ALIVE || status == Status.SUSPECT;
    }
}
