package io.plumtree.engine.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A discrete-event simulation of many protocol nodes on virtual time, in one thread, deterministic for a seed.
 *
 * <p>A priority queue holds (time, sequence, node, input). The loop pops the earliest and hands the input to that
 * node at that time; the node answers through its {@link Outbox}: a message to another node becomes that node's
 * input at {@code now + link latency} (unless the network drops it), a timer becomes its own input at
 * {@code now + delay}. What a node delivers or emits, its adapter reports to the scenario.
 *
 * <p>The network model, all of it from the seed: every link has its own latency, drawn once; {@link Link#RELIABLE}
 * links (TCP-like) are reliable and ordered while both ends are up and on the same side of a partition, and loss on
 * them becomes retransmission delay; {@link Link#DATAGRAM}s (UDP-like) are lost with the configured probability. A
 * crashed node drops everything sent to it and never acts again. A paused node (a CPU-starved process) handles
 * nothing until the pause ends; then, as a starved process does, it first fires the timers that came due meanwhile
 * and only then reads the messages that arrived meanwhile (each group in its original order). Messages between the two sides of
 * a partition are lost, in flight ones included.
 *
 * @param <I> the input type of the nodes
 */
public final class Simulation<I> {

    /** A simulated node: a protocol core behind an adapter that turns its outputs into {@link Outbox} calls. */
    @FunctionalInterface
    public interface Node<I> {
        /**
         * Handles one input at virtual time {@code nowNanos}.
         *
         * @param input    what happened
         * @param nowNanos virtual time
         * @param out      where to put messages and timers
         */
        void handle(I input, long nowNanos, Outbox<I> out);
    }

    /** What a node may ask of the network and the clock while handling an input. */
    public interface Outbox<I> {
        /**
         * Sends to another node; it arrives there as {@code input}, if the network lets it.
         *
         * @param to    receiver index
         * @param input the receiver's input
         * @param link  reliable stream or datagram
         */
        void send(int to, I input, Link link);

        /**
         * Hands {@code input} back to this node after a delay.
         *
         * @param delayNanos the delay
         * @param input      the node's input
         */
        void timer(long delayNanos, I input);
    }

    /** The two kinds of link the network carries. */
    public enum Link {
        /** TCP-like: reliable and ordered; loss becomes retransmission delay. */
        RELIABLE,
        /** UDP-like: lost with the configured probability. */
        DATAGRAM
    }

    /** Builds node {@code i}. */
    @FunctionalInterface
    public interface NodeFactory<I> {
        /**
         * @param index the node's index
         * @return the node
         */
        Node<I> create(int index);
    }

    private final NetworkOptions network;
    private final long seed;
    private final Node<I>[] nodes;
    private final SplittableRandom linkRandom;
    private final PriorityQueue<Event<I>> queue = new PriorityQueue<>();

    /** Whether each node has crashed. */
    private final boolean[] crashed;

    /** Virtual time at which each node's current pause ends (0 when not paused). */
    private final long[] pausedUntil;

    /** Side of the current partition each node is on; all 0 when healed. */
    private final int[] side;

    /** Arrival time of the last message on each directed reliable link, to keep it in order under loss. */
    private final HashMap<Long, Long> lastArrival = new HashMap<>();

    /** The node being handled, for its outbox. */
    private int current = -1;
    private final Outbox<I> outbox = new Outbox<>() {
        @Override
        public void send(int to, I input, Link link) {
            sendFrom(current, to, input, link);
        }

        @Override
        public void timer(long delayNanos, I input) {
            if (delayNanos < 0) {
                throw new IllegalStateException("negative timer delay " + delayNanos);
            }
            push(now + delayNanos, current, -1, input);
        }
    };

    private long now;
    private long nextSequence;
    private long eventsHandled;
    private long messagesSent;
    private long messagesDropped;

    /**
     * @param nodes   number of nodes
     * @param network the network's conditions
     * @param seed    the seed of every random choice of the network
     * @param factory builds node {@code i}; called once per node, in index order
     */
    @SuppressWarnings("unchecked")
    public Simulation(int nodes, NetworkOptions network, long seed, NodeFactory<I> factory) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a simulation needs at least one node, got " + nodes);
        }
        this.network = Objects.requireNonNull(network, "network");
        this.seed = seed;
        this.nodes = (Node<I>[]) new Node<?>[nodes];
        for (int i = 0; i < nodes; i++) {
            this.nodes[i] = factory.create(i);
        }
        this.linkRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.crashed = new boolean[nodes];
        this.pausedUntil = new long[nodes];
        this.side = new int[nodes];
    }

    /** Number of nodes. */
    public int size() {
        return nodes.length;
    }

    /** Node {@code i}, for inspection between runs. */
    public Node<I> node(int i) {
        return nodes[i];
    }

    /** Current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Events handed to nodes so far. */
    public long eventsHandled() {
        return eventsHandled;
    }

    /** Messages nodes sent, dropped or not. */
    public long messagesSent() {
        return messagesSent;
    }

    /** Messages the network dropped (loss, crashed receiver, partition). */
    public long messagesDropped() {
        return messagesDropped;
    }

    /** Events still queued. */
    public int pending() {
        return queue.size();
    }

    /** Whether node {@code i} has crashed. */
    public boolean isCrashed(int i) {
        return crashed[i];
    }

    /** Whether node {@code i} is paused now. */
    public boolean isPaused(int i) {
        return pausedUntil[i] > now;
    }

    /** Hands an input to node {@code i} at {@code atNanos} (not before the current time). */
    public void schedule(int node, I input, long atNanos) {
        push(Math.max(atNanos, now), node, -1, input);
    }

    /** Hands an input to node {@code i} at once, at the current time, outside the event loop. */
    public void inject(int node, I input) {
        handle(node, input);
    }

    /** Crashes node {@code i} at {@code atNanos}: from then on it neither handles nor sends anything. */
    public void crash(int node, long atNanos) {
        pushFault(Math.max(atNanos, now), node, () -> crashed[node] = true);
    }

    /**
     * Runs {@code action} at {@code atNanos}, between events, after the faults scheduled for that time before it: to
     * look at the nodes then and schedule what follows from it.
     */
    public void at(long atNanos, Runnable action) {
        pushFault(Math.max(atNanos, now), 0, action);
    }

    /** Pauses node {@code i} from {@code atNanos} for {@code durationNanos}. */
    public void pause(int node, long atNanos, long durationNanos) {
        pushFault(Math.max(atNanos, now), node, () -> pausedUntil[node] = now + durationNanos);
    }

    /**
     * Partitions the network at {@code atNanos}: nodes on different sides cannot reach each other, and messages
     * in flight between them are lost (their connections break).
     *
     * @param sides side of each node, by index
     */
    public void partition(int[] sides, long atNanos) {
        if (sides.length != nodes.length) {
            throw new IllegalArgumentException("need a side for each of " + nodes.length + " nodes, got "
                    + sides.length);
        }
        int[] copy = sides.clone();
        pushFault(Math.max(atNanos, now), 0, () -> System.arraycopy(copy, 0, side, 0, side.length));
    }

    /** Heals every partition at {@code atNanos}. */
    public void heal(long atNanos) {
        pushFault(Math.max(atNanos, now), 0, () -> Arrays.fill(side, 0));
    }

    /**
     * Runs events until the queue is empty or the next event is later than {@code untilNanos}.
     *
     * @param untilNanos the virtual time limit
     * @param progress   called now and then with the current virtual time, for progress output
     * @return whether the queue ran empty
     */
    public boolean run(long untilNanos, LongConsumer progress) {
        long handled = 0;
        while (!queue.isEmpty()) {
            Event<I> e = queue.peek();
            if (e.time > untilNanos) {
                now = Math.max(now, untilNanos);
                return false;
            }
            queue.poll();
            now = e.time;
            dispatch(e);
            if ((++handled & 0xFFFFF) == 0) {
                progress.accept(now);
            }
        }
        return true;
    }

    /** Runs until the queue is empty or {@code untilNanos}. */
    public boolean run(long untilNanos) {
        return run(untilNanos, t -> { });
    }

    private void dispatch(Event<I> e) {
        if (e.fault != null) {
            e.fault.run();
            return;
        }
        int node = e.node;
        if (crashed[node]) {
            if (e.from >= 0) {
                messagesDropped++;
            }
            return;
        }
        if (e.from >= 0 && side[e.from] != side[node]) {
            messagesDropped++;
            return;
        }
        if (pausedUntil[node] > now) {
            // A starved process wakes to find its overdue timers firing before it drains its socket backlog:
            // timers (and commands) first, then the messages that arrived meanwhile, each in their original order.
            long wake = pausedUntil[node] + (e.from >= 0 ? 1 : 0);
            queue.add(new Event<>(wake, nextSequence++, node, e.from, e.input, null));
            return;
        }
        handle(node, e.input);
    }

    private void handle(int node, I input) {
        eventsHandled++;
        int outer = current;
        current = node;
        try {
            nodes[node].handle(input, now, outbox);
        } finally {
            current = outer;
        }
    }

    private void sendFrom(int from, int to, I input, Link link) {
        messagesSent++;
        if (to < 0 || to >= nodes.length) {
            throw new IllegalStateException("node " + from + " sent to unknown node " + to);
        }
        if (side[to] != side[from]) {
            messagesDropped++;
            return;
        }
        long at;
        if (link == Link.DATAGRAM) {
            if (linkRandom.nextDouble() < network.loss()) {
                messagesDropped++;
                return;
            }
            at = now + latency(from, to);
        } else {
            at = reliableArrival(from, to);
        }
        push(at, to, from, input);
    }

    /** When a message sent now from {@code from} reaches {@code to} over their reliable link. */
    private long reliableArrival(int from, int to) {
        long at = now + latency(from, to);
        double loss = network.loss();
        if (loss > 0) {
            long rto = network.retransmitTimeout().toNanos();
            while (linkRandom.nextDouble() < loss) {
                at += rto;
            }
            long link = ((long) from << 32) | to;
            Long last = lastArrival.get(link);
            if (last != null && last > at) {
                at = last;
            }
            lastArrival.put(link, at);
        }
        return at;
    }

    /** One-way latency of the link between two nodes, the same in both directions and for the whole run. */
    public long latency(int a, int b) {
        long min = network.latencyMin().toNanos();
        long span = network.latencyMax().toNanos() - min;
        if (span == 0) {
            return min;
        }
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        long h = mix(seed ^ mix((lo << 32) | hi));
        return min + Long.remainderUnsigned(h, span + 1);
    }

    /** SplitMix64's finalizer: a well-spread 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void push(long at, int node, int from, I input) {
        queue.add(new Event<>(at, nextSequence++, node, from, input, null));
    }

    private void pushFault(long at, int node, Runnable fault) {
        queue.add(new Event<>(at, nextSequence++, node, -1, null, fault));
    }

    /** One queued event; ties in time are broken by scheduling order, so runs are reproducible. */
    private static final class Event<I> implements Comparable<Event<I>> {
        final long time;
        final long sequence;
        final int node;
        /** Sending node for a message, -1 for a timer or a command. */
        final int from;
        /** The input for the node, or null for a fault. */
        final I input;
        /** A timed change of the network or of a node, run by the loop at its time; null for an input. */
        final Runnable fault;

        Event(long time, long sequence, int node, int from, I input, Runnable fault) {
            this.time = time;
            this.sequence = sequence;
            this.node = node;
            this.from = from;
            this.input = input;
            this.fault = fault;
        }

        @Override
        public int compareTo(Event<I> o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
