package io.plumtree.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broadcasts a node was given and has not finished with (their futures not complete), bounded. A caller finding
 * it full waits until it is down to half, so a publisher faster than the node is woken once per half window rather
 * than once per completed broadcast: each wake-up costs the loop thread a system call, and on a VM an interrupt to
 * another core. At n = 3 and full speed, a publisher woken per completion (a semaphore of 256) got 479,000-546,000
 * messages/s delivered; this window of 1,024, 635,000-718,000 (docs/benchmarks.md). Thread-safe.
 */
final class BroadcastWindow {

    /** Most broadcasts pending. */
    private final int max;
    /** Pending count at or below which waiting callers go on. */
    private final int resume;
    /** Broadcasts taken and not released. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Waiting callers wait on it; guards {@link #waiters}' writes. */
    private final Object lock = new Object();
    /** Callers waiting (or about to): a release that reaches {@link #resume} wakes them only when there are any. */
    private volatile int waiters;
    /** Set by {@link #close()}: nothing is released any more, so no caller waits. */
    private volatile boolean closed;

    /** @param max most broadcasts pending, at least 2 */
    BroadcastWindow(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2: " + max);
        }
        this.max = max;
        this.resume = max / 2;
    }

    /** Broadcasts pending now. */
    int pending() {
        return pending.get();
    }

    /** Most broadcasts pending. */
    int max() {
        return max;
    }

    /**
     * Takes a place for one broadcast; when the window is full, waits up to {@code timeoutNanos} for it to be down to
     * half (0: does not wait).
     *
     * @return whether a place was taken
     * @throws InterruptedException if interrupted while waiting (no place taken)
     */
    boolean acquire(long timeoutNanos) throws InterruptedException {
        if (pending.get() >= max && (timeoutNanos <= 0 || closed || !awaitResume(timeoutNanos))) {
            return false;
        }
        pending.incrementAndGet();
        return true;
    }

    /**
     * Gives back the places of {@code count} broadcasts the node is done with; the node's thread calls it once per
     * turn, so the count shared with publishers changes hands once per turn rather than once per broadcast.
     */
    void release(int count) {
        int now = pending.addAndGet(-count);
        if (now <= resume && now + count > resume && waiters > 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /**
     * The node is closing and will release nothing more: callers waiting for a place stop waiting (without one), and
     * later callers do not wait.
     */
    void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Waits until at most {@link #resume} are pending. The waiter counts itself before looking at the count, and a
     * release looks at the waiters after lowering it, so one of the two sees the other.
     */
    private boolean awaitResume(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            waiters++;
            try {
                while (pending.get() > resume) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closed) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                return true;
            } finally {
                waiters--;
            }
        }
    }
}
