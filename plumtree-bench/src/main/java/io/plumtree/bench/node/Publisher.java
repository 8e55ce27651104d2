package io.plumtree.bench.node;

import io.plumtree.bench.Payload;

import java.util.concurrent.locks.LockSupport;

/**
 * Node 0's publisher: broadcasts numbered payloads until a deadline, back to back (full speed: each publish blocks
 * while the implementation pushes back) or at a fixed rate. A rated publisher that falls behind publishes at once
 * without skipping, so queueing delay shows in the latencies (no coordinated omission).
 */
final class Publisher implements Runnable {

    private final BenchNode node;
    private final DeliveryRecorder recorder;
    private final int payloadBytes;
    /** Broadcasts per second, or 0 for full speed. */
    private final double rate;
    private final long endNanos;
    /** The first sequence number this publisher uses; publishers on several nodes use disjoint ranges. */
    private final long firstSequence;
    /** Most broadcasts to publish; it stops at whichever of this and the deadline comes first. */
    private final long maxCount;
    private volatile long published;
    private volatile long failures;

    Publisher(BenchNode node, DeliveryRecorder recorder, int payloadBytes, double rate, long endNanos) {
        this(node, recorder, payloadBytes, rate, endNanos, 0, Long.MAX_VALUE);
    }

    Publisher(BenchNode node, DeliveryRecorder recorder, int payloadBytes, double rate, long endNanos,
              long firstSequence, long maxCount) {
        this.firstSequence = firstSequence;
        this.maxCount = maxCount;
        this.node = node;
        this.recorder = recorder;
        this.payloadBytes = payloadBytes;
        this.rate = rate;
        this.endNanos = endNanos;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long seq = 0;
        while (seq < maxCount) {
            long now = System.nanoTime();
            if (rate > 0) {
                long due = start + (long) (seq * 1e9 / rate);
                if (due - endNanos >= 0) {
                    break;
                }
                while (due - now > 0) {
                    if (due - now > 100_000) {
                        LockSupport.parkNanos(due - now - 50_000);
                    } else {
                        Thread.onSpinWait();
                    }
                    now = System.nanoTime();
                }
            } else if (now - endNanos >= 0) {
                break;
            }
            long t = System.nanoTime();
            recorder.published(firstSequence + seq, t);
            try {
                node.publish(Payload.create(payloadBytes, firstSequence + seq, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failures++;
                System.err.println("publish " + (firstSequence + seq) + " failed: " + e);
            }
            seq++;
            published = seq;
        }
    }

    long published() {
        return published;
    }

    long failures() {
        return failures;
    }
}
