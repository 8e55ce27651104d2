package io.plumtree.engine.broadcast;

/** A broadcast was refused, before anything was sent, because its payload exceeds the configured maximum. */
public final class PayloadTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The size of the refused payload, in bytes. */
    private final int size;

    /** The configured maximum, in bytes. */
    private final int maximum;

    /**
     * @param size    the refused payload's size in bytes
     * @param maximum the configured maximum in bytes
     */
    public PayloadTooLargeException(int size, int maximum) {
        super("payload of " + size + " bytes exceeds the maximum broadcast payload of " + maximum
                + " bytes (maxPayloadBytes); nothing was sent");
        this.size = size;
        this.maximum = maximum;
    }

    /** The refused payload's size in bytes. */
    public int size() {
        return size;
    }

    /** The configured maximum in bytes. */
    public int maximum() {
        return maximum;
    }
}
