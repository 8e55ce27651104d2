package io.plumtree.engine;

/**
 * A broadcast was refused because this node's outbound queues stayed over their byte limit for longer than the
 * configured broadcast timeout: peers are not reading as fast as this node publishes. Nothing was sent; publish again
 * later or slow down.
 */
public final class ClusterOverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was over which limit, for how long */
    public ClusterOverloadedException(String message) {
        super(message);
    }
}
