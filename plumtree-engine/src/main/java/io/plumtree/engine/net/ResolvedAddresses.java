package io.plumtree.engine.net;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The socket addresses of peer addresses ({@code host:port}) as last looked up. A name is looked up again once its
 * entry is older than {@link #TTL_NANOS} (the JVM's own positive DNS cache time) and at once after a connect to it
 * failed, so a member that comes back under the same name at a new IP (a restarted container or pod) is reached at
 * the new one. IP literals need no lookup and are parsed again just as cheaply. Bounded, least recently used out.
 */
final class ResolvedAddresses {

    /** How long a looked-up address is used before it is looked up again. */
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Turns {@code host:port} into a socket address (unresolved if the lookup failed), or throws for a bad one. */
    private final Function<String, InetSocketAddress> lookup;

    /** Each address's socket address and when it was looked up, least recently used first. */
    private final LinkedHashMap<String, Entry> entries;

    private record Entry(InetSocketAddress socket, long lookedUpNanos) {
    }

    /**
     * @param lookup     turns {@code host:port} into a socket address; throws {@link IllegalArgumentException} for a
     *                   malformed one
     * @param maxEntries most addresses kept
     */
    ResolvedAddresses(Function<String, InetSocketAddress> lookup, int maxEntries) {
        this.lookup = lookup;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The socket address of {@code address} at time {@code nowNanos}, looked up if it is not known or is too old.
     *
     * @return the address, or null if its name does not resolve
     * @throws IllegalArgumentException if the address is malformed
     */
    InetSocketAddress get(String address, long nowNanos) {
        Entry e = entries.get(address);
        if (e != null && nowNanos - e.lookedUpNanos < TTL_NANOS) {
            return e.socket;
        }
        InetSocketAddress socket = lookup.apply(address);
        if (socket.isUnresolved()) {
            entries.remove(address);
            return null;
        }
        entries.put(address, new Entry(socket, nowNanos));
        return socket;
    }

    /** Forgets {@code address}, so the next use looks it up again (a connect to it failed). */
    void forget(String address) {
        entries.remove(address);
    }
}
