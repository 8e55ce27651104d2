package io.plumtree.engine;

import java.util.Objects;

/**
 * The name of a cluster member, unique within its cluster (for example a host name or a Kubernetes pod name).
 *
 * <p>Identity is by name only: a member that restarts under the same name at a new address is the same node.
 *
 * @param name the member's name; non-blank, at most {@value #MAX_LENGTH} characters so it always fits a frame
 */
public record NodeId(String name) implements Comparable<NodeId> {

    /** The longest name accepted, in characters. */
    public static final int MAX_LENGTH = 255;

    /** Validates the name. */
    public NodeId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "node name is " + name.length() + " characters long; the maximum is " + MAX_LENGTH);
        }
    }

    /** Shorthand for {@code new NodeId(name)}. */
    public static NodeId of(String name) {
        return new NodeId(name);
    }

    /** Equal names; written out (records derive it through method handles, on the hot path of every message). */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof NodeId other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(NodeId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
