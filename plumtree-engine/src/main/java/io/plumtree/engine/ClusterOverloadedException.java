package io.plumtree.engine;

/**
 * A broadcast was refused because this node's outbound queues stayed over their byte limit, or its pending broadcasts
 * at {@link ClusterConfig#maxPendingBroadcasts()}, for longer than the configured broadcast timeout: peers are not
 * reading as fast as this node publishes, or the caller publishes faster than the node can send. Nothing was sent;
 * publish again later or slow down. The message says which bound.
 */
public final class ClusterOverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was over which limit, for how long */
    public ClusterOverloadedException(String message) {
        super(message);
    }
}
