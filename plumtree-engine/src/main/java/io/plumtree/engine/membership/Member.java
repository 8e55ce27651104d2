package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a node knows about one member, as of {@code stateChangedNanos}. Immutable snapshot; the metadata array is
 * shared with the core and must not be modified.
 *
 * @param id                the member's name
 * @param address           where it receives packets and streams ({@code host:port}, opaque to the core)
 * @param incarnation       the member's own version counter; only the member raises it, to refute accusations or
 *                          announce new metadata
 * @param state             alive, suspect, dead or left
 * @param metadata          application bytes the member advertises (at most {@link SwimConfig#maxMetadataBytes()})
 * @param stateChangedNanos driver time at which {@code state} last changed
 */
public record Member(NodeId id, String address, long incarnation, MemberState state, byte[] metadata,
                     long stateChangedNanos) {

    /** Validates the fields. */
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A copy in another state, changed at {@code nowNanos}. */
    Member withState(MemberState newState, long newIncarnation, long nowNanos) {
        return new Member(id, address, newIncarnation, newState, metadata, nowNanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Member m && id.equals(m.id) && address.equals(m.address)
                && incarnation == m.incarnation && state == m.state && Arrays.equals(metadata, m.metadata)
                && stateChangedNanos == m.stateChangedNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, address, incarnation, state, Arrays.hashCode(metadata), stateChangedNanos);
    }

    @Override
    public String toString() {
        return "Member[" + id + "@" + address + " inc=" + incarnation + " " + state + " meta="
                + Arrays.toString(metadata) + " since=" + stateChangedNanos + "]";
    }
}
