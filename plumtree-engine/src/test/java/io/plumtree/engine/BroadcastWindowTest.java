package io.plumtree.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bound on pending broadcasts: who waits, for how long, and when they go on. */
class BroadcastWindowTest {

    @Test
    void takesPlacesUpToItsSizeThenRefusesWithoutATimeout() throws InterruptedException {
        BroadcastWindow w = new BroadcastWindow(4);
        for (int i = 0; i < 4; i++) {
            assertThat(w.acquire(0)).isTrue();
        }
        assertThat(w.acquire(0)).isFalse();
        assertThat(w.pending()).isEqualTo(4);
        w.release(1);
        assertThat(w.acquire(0)).as("a place freed is a place taken, without waiting for half").isTrue();
    }

    @Test
    void aWaitingCallerGoesOnOnlyOnceHalfTheWindowIsDone() throws Exception {
        BroadcastWindow w = full(8);
        CompletableFuture<Boolean> waiting = waitingAcquire(w);
        for (int i = 0; i < 3; i++) {
            w.release(1);
        }
        assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS))
                .as("5 of 8 pending: still over half").isInstanceOf(TimeoutException.class);
        w.release(1);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(w.pending()).isEqualTo(5);
    }

    @Test
    void oneReleaseOfATurnsBroadcastsThatJumpsPastHalfWakesTheWaiter() throws Exception {
        BroadcastWindow w = full(8);
        CompletableFuture<Boolean> waiting = waitingAcquire(w);
        w.release(7);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(w.pending()).isEqualTo(2);
    }

    @Test
    void closingStopsAWaitingCallerAtOnceAndLaterCallersDoNotWait() throws Exception {
        BroadcastWindow w = full(4);
        CompletableFuture<Boolean> waiting = waitingAcquire(w);
        assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        w.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).as("woken by close, without a place").isFalse();
        long start = System.nanoTime();
        assertThat(w.acquire(TimeUnit.SECONDS.toNanos(30))).isFalse();
        assertThat(System.nanoTime() - start).as("no wait once closed").isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(w.pending()).isEqualTo(4);
    }

    @Test
    void aWaitThatOutlastsItsTimeoutTakesNoPlace() throws InterruptedException {
        BroadcastWindow w = full(2);
        long start = System.nanoTime();
        assertThat(w.acquire(TimeUnit.MILLISECONDS.toNanos(100))).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(w.pending()).isEqualTo(2);
    }

    @Test
    void anInterruptedWaitThrowsAndTakesNoPlace() throws Exception {
        BroadcastWindow w = full(2);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                w.acquire(TimeUnit.SECONDS.toNanos(30));
                failure.complete(null);
            } catch (InterruptedException e) {
                failure.complete(e);
            }
        });
        t.start();
        t.interrupt();
        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(w.pending()).isEqualTo(2);
    }

    @Test
    void manyPublishersNeverHoldMoreThanTheWindowPlusOneEach() throws Exception {
        BroadcastWindow w = new BroadcastWindow(16);
        int publishers = 4;
        int each = 20_000;
        java.util.concurrent.ExecutorService releaser = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicInteger highest = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++) {
            threads[p] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        assertThat(w.acquire(TimeUnit.SECONDS.toNanos(30))).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    highest.accumulateAndGet(w.pending(), Math::max);
                    releaser.execute(() -> w.release(1));
                }
            });
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join(60_000);
            assertThat(t.isAlive()).isFalse();
        }
        releaser.shutdown();
        assertThat(releaser.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(w.pending()).isZero();
        assertThat(highest.get()).isLessThanOrEqualTo(16 + publishers);
    }

    @Test
    void theConfigRefusesAWindowUnderTwo() {
        assertThatThrownBy(() -> ClusterConfig.builder().nodeName("a").maxPendingBroadcasts(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPendingBroadcasts (1)");
    }

    /** A window of {@code max} with every place taken. */
    private static BroadcastWindow full(int max) throws InterruptedException {
        BroadcastWindow w = new BroadcastWindow(max);
        for (int i = 0; i < max; i++) {
            assertThat(w.acquire(0)).isTrue();
        }
        return w;
    }

    /** Starts a caller that waits up to 30 s for a place, and answers once it is waiting. */
    private static CompletableFuture<Boolean> waitingAcquire(BroadcastWindow w) {
        CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                waiting.complete(w.acquire(TimeUnit.SECONDS.toNanos(30)));
            } catch (InterruptedException e) {
                waiting.completeExceptionally(e);
            }
        });
        t.start();
        while (t.isAlive() && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        return waiting;
    }
}
