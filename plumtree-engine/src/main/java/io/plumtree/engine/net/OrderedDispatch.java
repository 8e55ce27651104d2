package io.plumtree.engine.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs tasks on an executor, one at a time per key and in submission order per key; tasks of different keys may run
 * in parallel. The node uses the origin as key for deliveries (per-origin order) and one key for membership events.
 * A task that throws is logged; the ones after it still run. Thread-safe.
 *
 * <p>A thread that submits many tasks in a burst (the loop, during one turn) may {@link #submitHeld hold} them until
 * it {@link #startHeld() starts them} at the end of the burst: an executor thread that keeps up with the tasks would
 * otherwise finish each key's queue between two of them and be woken again for the next, once per delivery (58,000
 * wake-ups a second per node at 260,000 deliveries a second across three nodes, measured).
 *
 * <p>Tasks cross between the submitting thread and the executor in batches, not one by one: held tasks gather under
 * a lock only submitters take, {@link #startHeld} hands each key's batch over under the shared lock once, and a
 * running key takes everything queued for it at once. Handing over each task under the shared lock made the loop and
 * the delivery thread contend for it on every delivery (the loser spins, then parks and has to be woken).
 */
public final class OrderedDispatch {

    private static final Logger log = LoggerFactory.getLogger(OrderedDispatch.class);

    /**
     * Weight a key runs (tasks, or what a batch task counts for) before it gives its executor thread back to other
     * keys (it is launched again if it has more).
     */
    private static final int WEIGHT_PER_LAUNCH = 64;

    /** A task and what it counts for in {@link #backlog()}: 1, or the deliveries of a batch. */
    private record Task(Runnable run, int weight) {
    }

    private final Executor executor;
    /**
     * Tasks queued per key; a key is present while it is launched on the executor (running, or waiting to run), and
     * its queue holds what it has not taken yet.
     */
    private final Map<Object, ArrayDeque<Task>> waiting = new HashMap<>();
    /** Weight of the tasks submitted and not yet finished; a running key subtracts what it ran per batch. */
    private final AtomicLong backlog = new AtomicLong();
    /** Tasks {@link #submitHeld} queued per key since the last {@link #startHeld}, in key order of first submission. */
    private Map<Object, ArrayDeque<Task>> held = new LinkedHashMap<>();
    /** Guards {@link #held}; never taken by an executor thread. */
    private final Object heldLock = new Object();

    /** @param executor where tasks run */
    public OrderedDispatch(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Weight of the tasks submitted and not yet finished: one per task, or what {@link #submitHeld(Object, Runnable,
     * int)} said (a running key may report the ones it finished up to a batch late).
     */
    public long backlog() {
        return backlog.get();
    }

    /** Runs {@code task} after every task submitted earlier with the same key; starts whatever was held too. */
    public void submit(Object key, Runnable task) {
        submitHeld(key, task);
        startHeld();
    }

    /**
     * Queues {@code task} after every task submitted earlier with the same key, like {@link #submit}, but it waits
     * for {@link #startHeld()} to be handed to the executor.
     */
    public void submitHeld(Object key, Runnable task) {
        submitHeld(key, task, 1);
    }

    /**
     * Like {@link #submitHeld(Object, Runnable)}, for a task that stands for {@code weight} things (a batch of
     * deliveries): the backlog counts them, and a key's turn on the executor is measured in them.
     *
     * @throws IllegalArgumentException if {@code weight} is below 1
     */
    public void submitHeld(Object key, Runnable task, int weight) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(task, "task");
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, not " + weight);
        }
        backlog.addAndGet(weight);
        synchronized (heldLock) {
            held.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Task(task, weight));
        }
    }

    /** Hands every task {@link #submitHeld} queued since the last call to the executor. */
    public void startHeld() {
        Map<Object, ArrayDeque<Task>> batch;
        synchronized (heldLock) {
            if (held.isEmpty()) {
                return;
            }
            batch = held;
            held = new LinkedHashMap<>();
        }
        List<Object> idle = new ArrayList<>();
        synchronized (waiting) {
            for (Map.Entry<Object, ArrayDeque<Task>> e : batch.entrySet()) {
                ArrayDeque<Task> q = waiting.get(e.getKey());
                if (q == null) {
                    waiting.put(e.getKey(), e.getValue());
                    idle.add(e.getKey());
                } else {
                    q.addAll(e.getValue());
                }
            }
        }
        for (Object key : idle) {
            launch(key);
        }
    }

    private void launch(Object key) {
        try {
            executor.execute(() -> drain(key));
        } catch (RejectedExecutionException e) {
            log.warn("delivery executor refused a task; dropping the queue of {}: {}", key, e.toString());
            synchronized (waiting) {
                ArrayDeque<Task> q = waiting.remove(key);
                backlog.addAndGet(-(q == null ? 0 : weightOf(q)));
            }
        }
    }

    private static long weightOf(ArrayDeque<Task> tasks) {
        long w = 0;
        for (Task t : tasks) {
            w += t.weight();
        }
        return w;
    }

    /**
     * Runs the tasks of one key, taking its whole queue at a time, until the queue is empty; after a weight of
     * {@value #WEIGHT_PER_LAUNCH} or more it launches the key again instead, so other keys get the thread too.
     */
    private void drain(Object key) {
        long ran = 0;
        while (true) {
            ArrayDeque<Task> batch;
            synchronized (waiting) {
                ArrayDeque<Task> q = waiting.get(key);
                if (q.isEmpty()) {
                    waiting.remove(key);
                    return;
                }
                if (ran >= WEIGHT_PER_LAUNCH) {
                    break;
                }
                batch = q;
                waiting.put(key, new ArrayDeque<>());
            }
            long weight = weightOf(batch);
            try {
                for (Task task : batch) {
                    try {
                        task.run().run();
                    } catch (RuntimeException | AssertionError e) {
                        log.error("listener failed; later deliveries go on", e);
                    }
                }
            } finally {
                backlog.addAndGet(-weight);
            }
            ran += weight;
        }
        launch(key);
    }
}
