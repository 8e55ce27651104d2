package io.plumtree.engine.net;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-key order, and held submissions that start together. */
class OrderedDispatchTest {

    /** An executor that runs what it is given only when told, and counts what it was given. */
    private static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        int executed;

        @Override
        public void execute(Runnable command) {
            executed++;
            queue.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = queue.poll()) != null) {
                r.run();
            }
        }
    }

    @Test
    void tasksOfAKeyRunInSubmissionOrder() {
        ManualExecutor executor = new ManualExecutor();
        OrderedDispatch dispatch = new OrderedDispatch(executor);
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            dispatch.submit(i % 2 == 0 ? "a" : "b", () -> ran.add((n % 2 == 0 ? "a" : "b") + n));
        }
        assertThat(dispatch.backlog()).isEqualTo(200);
        executor.runAll();
        assertThat(dispatch.backlog()).isZero();
        assertThat(ran.stream().filter(s -> s.startsWith("a")).map(s -> Integer.parseInt(s.substring(1))))
                .isSorted().hasSize(100);
        assertThat(ran.stream().filter(s -> s.startsWith("b")).map(s -> Integer.parseInt(s.substring(1))))
                .isSorted().hasSize(100);
    }

    @Test
    void heldTasksWaitForStartAndThenRunInOrderWithOneHandOffPerKey() {
        ManualExecutor executor = new ManualExecutor();
        OrderedDispatch dispatch = new OrderedDispatch(executor);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            dispatch.submitHeld("a", () -> ran.add(n));
        }
        assertThat(executor.executed).as("nothing started before startHeld").isZero();
        assertThat(dispatch.backlog()).isEqualTo(50);
        dispatch.startHeld();
        assertThat(executor.executed).as("one hand-off for the burst").isOne();
        dispatch.submit("a", () -> ran.add(50));
        assertThat(executor.executed).as("the key is busy: the task joins its queue").isOne();
        executor.runAll();
        assertThat(ran).hasSize(51).isSorted();
        assertThat(dispatch.backlog()).isZero();
        dispatch.startHeld();
        assertThat(executor.executed).as("nothing held any more").isOne();
    }

    @Test
    void aWeightedTaskCountsItsWeightInTheBacklogUntilItHasRun() {
        ManualExecutor executor = new ManualExecutor();
        OrderedDispatch dispatch = new OrderedDispatch(executor);
        List<Integer> ran = new ArrayList<>();
        dispatch.submitHeld("a", () -> ran.add(1), 300);
        dispatch.submitHeld("a", () -> ran.add(2));
        dispatch.submitHeld("b", () -> ran.add(3), 7);
        assertThat(dispatch.backlog()).isEqualTo(308);
        dispatch.startHeld();
        executor.runAll();
        assertThat(ran).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ran.indexOf(1)).isLessThan(ran.indexOf(2));
        assertThat(dispatch.backlog()).isZero();
    }

    @Test
    void aHeavyBatchGivesTheThreadBackToOtherKeysBeforeTheRestOfItsKey() {
        ManualExecutor executor = new ManualExecutor();
        OrderedDispatch dispatch = new OrderedDispatch(executor);
        List<String> ran = new ArrayList<>();
        dispatch.submitHeld("a", () -> {
            ran.add("a1");
            dispatch.submitHeld("a", () -> ran.add("a2"), 100); // more of a's, and b's, arrive while a1 runs
            dispatch.submitHeld("b", () -> ran.add("b1"));
            dispatch.startHeld();
        }, 100);
        dispatch.startHeld();
        executor.runAll();
        assertThat(ran).as("a's first batch weighs past a key's share: b runs before a's second")
                .containsExactly("a1", "b1", "a2");
        assertThat(dispatch.backlog()).isZero();
    }

    @Test
    void aWeightBelowOneIsRefused() {
        OrderedDispatch dispatch = new OrderedDispatch(Runnable::run);
        assertThatThrownBy(() -> dispatch.submitHeld("a", () -> { }, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThat(dispatch.backlog()).isZero();
    }

    @Test
    void aHeldTaskQueuesBehindARunningKeyWithoutASecondStart() {
        ManualExecutor executor = new ManualExecutor();
        OrderedDispatch dispatch = new OrderedDispatch(executor);
        List<Integer> ran = new ArrayList<>();
        dispatch.submit("a", () -> ran.add(0));
        dispatch.submitHeld("a", () -> ran.add(1));
        dispatch.startHeld();
        assertThat(executor.executed).isOne();
        executor.runAll();
        assertThat(ran).containsExactly(0, 1);
    }

    @Test
    void burstsFromTheLoopReachAPoolInOrderPerKeyWhileItRuns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            OrderedDispatch dispatch = new OrderedDispatch(pool);
            int keys = 5;
            int perKey = 20_000;
            List<List<Integer>> ran = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                ran.add(Collections.synchronizedList(new ArrayList<>()));
            }
            CountDownLatch done = new CountDownLatch(keys * perKey);
            for (int i = 0; i < perKey; i++) {
                for (int k = 0; k < keys; k++) {
                    int key = k;
                    int n = i;
                    dispatch.submitHeld(key, () -> {
                        ran.get(key).add(n);
                        done.countDown();
                    });
                }
                if (i % 37 == 0) {
                    dispatch.startHeld(); // the end of a turn, while earlier bursts still run
                }
            }
            dispatch.startHeld();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            for (List<Integer> r : ran) {
                assertThat(r).hasSize(perKey).isSorted();
            }
            assertThat(dispatch.backlog()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyWithMoreThanOneLaunchWorthGivesTheThreadBack() {
        ManualExecutor executor = new ManualExecutor();
        OrderedDispatch dispatch = new OrderedDispatch(executor);
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            dispatch.submitHeld("a", () -> {
                ran.add("a" + n);
                if (n == 0) {
                    dispatch.submit("a", () -> ran.add("a-late"));
                }
            });
        }
        dispatch.submit("b", () -> ran.add("b"));
        assertThat(executor.executed).isEqualTo(2);
        executor.queue.poll().run(); // a's first launch: its batch of 100, then it yields with "a-late" still queued
        assertThat(ran).hasSize(100).doesNotContain("a-late");
        assertThat(executor.queue).hasSize(2);
        executor.runAll();
        assertThat(ran).hasSize(102).endsWith("b", "a-late");
        assertThat(dispatch.backlog()).isZero();
    }
}
