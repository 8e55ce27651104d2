package io.plumtree.spring.event;

/** A delivered broadcast is not an event envelope this starter can read. */
public final class MalformedEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The type name, if the envelope got as far as naming one; otherwise null. */
    private final String type;

    /**
     * @param type   the type name the envelope carried, or null
     * @param reason what is wrong
     */
    public MalformedEnvelopeException(String type, String reason) {
        super(reason);
        this.type = type;
    }

    /** The type name the envelope carried, or null. */
    public String type() {
        return type;
    }
}
