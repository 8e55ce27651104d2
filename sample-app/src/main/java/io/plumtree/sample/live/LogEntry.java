package io.plumtree.sample.live;

import java.time.Instant;

/**
 * One message this node delivered, as the page's log shows it.
 *
 * @param messageId   its cluster-wide id ({@code origin#sequence})
 * @param kind        {@code notice} or {@code invalidation}
 * @param origin      the member that published it
 * @param hops        links it travelled to reach this node; 0 for its own messages
 * @param text        what it says
 * @param deliveredAt when this node delivered it
 */
public record LogEntry(String messageId, String kind, String origin, int hops, String text, Instant deliveredAt) {
}
