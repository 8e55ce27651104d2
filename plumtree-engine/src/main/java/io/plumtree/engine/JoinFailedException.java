package io.plumtree.engine;

/** No seed answered a join within the join timeout. The node keeps running alone; {@code join} may be called again. */
public final class JoinFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which seeds were tried, resolved to which addresses, for how long */
    public JoinFailedException(String message) {
        super(message);
    }
}
