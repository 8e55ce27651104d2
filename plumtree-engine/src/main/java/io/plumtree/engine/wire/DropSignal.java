package io.plumtree.engine.wire;

/**
 * Unwinds a decode to its entry point with the reason to drop. Package-private and caught by every public decoder:
 * it never leaves this package. Carries no stack trace, so dropping hostile input costs little.
 */
final class DropSignal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the input is dropped. */
    final transient DropReason reason;

    DropSignal(DropReason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
