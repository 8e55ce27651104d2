package io.plumtree.engine.net;

/**
 * Faults injected into a node's outbound links, by destination address, as Aeron injects loss with a predicate around
 * its endpoints (STYLE.md, "faults as decorators"): the runtime asks before each datagram and each frame it sends.
 * For tests and demos on real sockets; production nodes use {@link #NONE}. Called on the node's network thread;
 * implementations must be thread-safe if changed from elsewhere, and quick.
 *
 * <p>A dropped frame is gone as if the connection had been down (the runtime already drops frames to peers it cannot
 * reach, and the protocols repair them): it is stricter than real TCP, which retransmits lost segments.
 */
public interface LinkFaults {

    /** No faults. */
    LinkFaults NONE = new LinkFaults() {
        @Override
        public boolean dropDatagram(String to) {
            return false;
        }

        @Override
        public boolean dropFrame(String to) {
            return false;
        }

        @Override
        public long datagramDelayNanos(String to) {
            return 0;
        }
    };

    /** Whether the datagram about to go to {@code to} ({@code host:port}) is lost. */
    boolean dropDatagram(String to);

    /** Whether the frame about to be queued for {@code to} ({@code host:port}) is lost. */
    boolean dropFrame(String to);

    /** How long the datagram about to go to {@code to} is held back first, in nanoseconds; 0 sends it at once. */
    long datagramDelayNanos(String to);
}
