package io.plumtree.engine.broadcast;

/**
 * Counters of one Plumtree core since it started. A snapshot: the core hands out copies.
 *
 * @param broadcasts          messages this node published
 * @param delivered           messages delivered to the application, own ones included
 * @param duplicates          payloads received for a message already delivered (each answered with PRUNE)
 * @param gossipSent          payload messages sent
 * @param ihaveSent           IHAVE messages sent
 * @param graftSent           GRAFT messages sent
 * @param pruneSent           PRUNE messages sent
 * @param graftsAnswered      message ids sent back in answer to GRAFTs
 * @param graftsUnanswerable  grafted ids no longer in the cache
 * @param graftsAbandoned     missing messages given up after the maximum number of GRAFTs
 * @param graftsRateLimited   GRAFT attempts skipped because every announcer's token bucket was empty
 * @param optimizations       tree changes by the hop-count optimization
 * @param announcementsDropped announcements lost to a full per-peer queue or a full missing table
 * @param cacheEvictions      cached payloads dropped by TTL or size bounds
 * @param digestsSent         DIGEST messages sent (anti-entropy)
 * @param digestRecoveries    messages found missing through a neighbour's digest (then grafted)
 * @param gapsGivenUp         messages never delivered here and given up because the origin's delivered messages
 *                            had moved on by more than 131,072 sequences (no cache reaches that far back); a copy
 *                            that still comes is not delivered
 * @param acksSent            ACKs sent to origins for their in-flight windows (docs/broadcast.md, departure 9)
 * @param membersLeftBehind   times this node's window stopped waiting for a member that acknowledged nothing for
 *                            {@link PlumtreeConfig#laggardTimeout()}
 */
public record PlumtreeStats(
        long broadcasts,
        long delivered,
        long duplicates,
        long gossipSent,
        long ihaveSent,
        long graftSent,
        long pruneSent,
        long graftsAnswered,
        long graftsUnanswerable,
        long graftsAbandoned,
        long graftsRateLimited,
        long optimizations,
        long announcementsDropped,
        long cacheEvictions,
        long digestsSent,
        long digestRecoveries,
        long gapsGivenUp,
        long acksSent,
        long membersLeftBehind) {
}
