package io.plumtree.engine.net;

import io.plumtree.engine.MessageId;

import java.util.concurrent.CompletableFuture;

/**
 * Something posted to the loop thread from any thread ({@link EventLoop#execute}, {@link EventLoop#submitBroadcast}):
 * a local broadcast, or any other task. Both are this one final class, so everything the loop takes from its command
 * queue has the same class. Were broadcasts and tasks objects of different classes, the compiler would see nearly
 * every command being a broadcast, compile the loop for broadcasts alone, and throw that compiled code away at the
 * next other command (a stats query, a metrics scrape): JFR recordings of the benchmark showed the publishing node's
 * loop discarded 4–11 times a run that way, once as the measured window began (docs/benchmarks.md, sixteenth
 * sitting).
 *
 * @param task          the task to run; null for a broadcast
 * @param payload       the bytes to broadcast; null for a task
 * @param deadlineNanos when a broadcast that still cannot go out fails ({@link System#nanoTime()})
 * @param result        completed with the broadcast's message id, or failed; null for a task
 */
record Command(Runnable task, byte[] payload, long deadlineNanos, CompletableFuture<MessageId> result) {

    /** A task to run on the loop. */
    static Command task(Runnable task) {
        return new Command(task, null, 0, null);
    }

    /** A local broadcast of {@code payload}. */
    static Command broadcast(byte[] payload, long deadlineNanos, CompletableFuture<MessageId> result) {
        return new Command(null, payload, deadlineNanos, result);
    }
}
