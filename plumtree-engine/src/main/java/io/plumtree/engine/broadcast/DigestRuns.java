package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage.DigestRun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a digest: the messages delivered within a window, as runs of consecutive sequences per origin. Runs every
 * digest interval over everything cached (16,384 messages by default), so it keeps primitive arrays per origin and
 * sorts only an origin whose sequences were delivered out of order.
 */
final class DigestRuns {

    private DigestRuns() {
    }

    /**
     * The runs of the messages in {@code cache} delivered within {@code windowNanos} before {@code now}, in
     * order of origin and sequence; of more than {@code maxRuns}, the {@code maxRuns} most recently delivered.
     */
    static List<DigestRun> of(MessageLog cache, long now, long windowNanos, int maxRuns) {
        Map<NodeId, OriginLog> byOrigin = new HashMap<>();
        OriginLog[] last = new OriginLog[1];
        cache.forEachCached(now, (origin, sequence, at) -> {
            if (now - at <= windowNanos) {
                OriginLog log = last[0];
                if (log == null || !log.origin.equals(origin)) {
                    log = byOrigin.computeIfAbsent(origin, OriginLog::new);
                    last[0] = log;
                }
                log.add(sequence, at);
            }
        });
        List<NodeId> origins = new ArrayList<>(byOrigin.keySet());
        Collections.sort(origins);
        List<DigestRun> runs = new ArrayList<>();
        List<Long> newest = new ArrayList<>();
        for (NodeId origin : origins) {
            OriginLog log = byOrigin.get(origin);
            log.sort();
            int i = 0;
            while (i < log.size) {
                long oldestAt = log.at[i];
                long newestAt = log.at[i];
                int j = i + 1;
                while (j < log.size && log.seq[j] == log.seq[j - 1] + 1) {
                    oldestAt = Math.min(oldestAt, log.at[j]);
                    newestAt = Math.max(newestAt, log.at[j]);
                    j++;
                }
                long ageMillis = Math.min(Integer.MAX_VALUE, Math.max(0, (now - oldestAt) / 1_000_000));
                runs.add(new DigestRun(origin, log.seq[i], log.seq[j - 1], (int) ageMillis));
                newest.add(newestAt);
                i = j;
            }
        }
        if (runs.size() <= maxRuns) {
            return runs;
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingLong((Integer k) -> newest.get(k)).reversed());
        List<DigestRun> kept = new ArrayList<>(maxRuns);
        for (int k = 0; k < maxRuns; k++) {
            kept.add(runs.get(order.get(k)));
        }
        return kept;
    }

    /** One origin's delivered sequences and their delivery times, in parallel arrays. */
    private static final class OriginLog {
        final NodeId origin;
        long[] seq = new long[64];
        long[] at = new long[64];
        int size;
        /** Whether {@link #seq} is ascending (messages are mostly cached in sequence order). */
        boolean sorted = true;

        OriginLog(NodeId origin) {
            this.origin = origin;
        }

        void add(long sequence, long atNanos) {
            if (size == seq.length) {
                seq = Arrays.copyOf(seq, size * 2);
                at = Arrays.copyOf(at, size * 2);
            }
            if (size > 0 && sequence < seq[size - 1]) {
                sorted = false;
            }
            seq[size] = sequence;
            at[size] = atNanos;
            size++;
        }

        /** Orders both arrays by sequence. */
        void sort() {
            if (sorted) {
                return;
            }
            Integer[] order = new Integer[size];
            for (int k = 0; k < size; k++) {
                order[k] = k;
            }
            long[] s = seq;
            Arrays.sort(order, Comparator.comparingLong(k -> s[k]));
            long[] sortedSeq = new long[size];
            long[] sortedAt = new long[size];
            for (int k = 0; k < size; k++) {
                sortedSeq[k] = seq[order[k]];
                sortedAt[k] = at[order[k]];
            }
            seq = sortedSeq;
            at = sortedAt;
            sorted = true;
        }
    }
}
