package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeInput;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.broadcast.PlumtreeOutput;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * A discrete-event simulation of many Plumtree cores on virtual time, in one thread, deterministic for a seed.
 *
 * <p>A priority queue holds (time, sequence, node, input). The loop pops the earliest, hands the input to that
 * node's core at that time, and turns the core's outputs into new events: a send becomes a delivery at
 * {@code now + link latency} (unless the network drops it), a timer becomes a {@code TimerFired} at
 * {@code now + delay}, a delivery is reported to the {@link SimObserver}.
 *
 * <p>The network model: every link has its own latency, drawn once from the seed; links between cores are
 * reliable and ordered (TCP-like) while both ends are up and on the same side of a partition, and loss on them
 * becomes retransmission delay. A crashed node drops everything sent to it and never acts again. A paused node
 * (a CPU-starved process) handles nothing until the pause ends, then everything that arrived meanwhile, in order.
 */
public final class Simulation {

    private final NetworkOptions network;
    private final long seed;
    private final NodeId[] ids;
    private final Plumtree[] cores;
    private final HashMap<NodeId, Integer> indexOf;
    private final SplittableRandom linkRandom;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private SimObserver observer = new SimObserver() {
    };

    /** Whether each node has crashed. */
    private final boolean[] crashed;

    /** Virtual time at which each node's current pause ends (0 when not paused). */
    private final long[] pausedUntil;

    /** Side of the current partition each node is on; all 0 when healed. */
    private final int[] side;

    /** Arrival time of the last message on each directed link, to keep reliable links in order under loss. */
    private final HashMap<Long, Long> lastArrival = new HashMap<>();

    private long now;
    private long nextSequence;
    private long eventsHandled;
    private long messagesDropped;

    /**
     * @param nodes    number of nodes, named {@code n0}, {@code n1}, ...
     * @param network  the network's conditions
     * @param seed     the seed of every random choice of the network (each core gets its own generator from
     *                 {@code coreFactory})
     * @param coreFactory builds node {@code i}'s core given its name; called once per node, in index order
     */
    public Simulation(int nodes, NetworkOptions network, long seed, CoreFactory coreFactory) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a simulation needs at least one node, got " + nodes);
        }
        this.network = Objects.requireNonNull(network, "network");
        this.seed = seed;
        this.ids = new NodeId[nodes];
        this.cores = new Plumtree[nodes];
        this.indexOf = new HashMap<>(nodes * 2);
        for (int i = 0; i < nodes; i++) {
            ids[i] = NodeId.of("n" + i);
            indexOf.put(ids[i], i);
        }
        for (int i = 0; i < nodes; i++) {
            cores[i] = coreFactory.create(i, ids[i]);
        }
        this.linkRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.crashed = new boolean[nodes];
        this.pausedUntil = new long[nodes];
        this.side = new int[nodes];
    }

    /** Builds the core of one node. */
    @FunctionalInterface
    public interface CoreFactory {
        /**
         * @param index the node's index
         * @param id    the node's name
         * @return its core
         */
        Plumtree create(int index, NodeId id);
    }

    /** Sets who measures the run. */
    public void observe(SimObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Number of nodes. */
    public int size() {
        return cores.length;
    }

    /** Name of node {@code i}. */
    public NodeId id(int i) {
        return ids[i];
    }

    /** Index of a node by name. */
    public int indexOf(NodeId id) {
        Integer i = indexOf.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no node named " + id);
        }
        return i;
    }

    /** Node {@code i}'s core, for inspection between runs. */
    public Plumtree core(int i) {
        return cores[i];
    }

    /** Current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Events handed to cores so far. */
    public long eventsHandled() {
        return eventsHandled;
    }

    /** Messages the network dropped (crashed receiver, partition). */
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

    /** Hands an input to node {@code i} at {@code atNanos} (not before the current time). */
    public void schedule(int node, PlumtreeInput input, long atNanos) {
        push(Math.max(atNanos, now), node, input);
    }

    /** Tells node {@code i} at once, at the current time, that {@code peer} is up. */
    public void neighborUp(int node, int peer) {
        handle(node, new PlumtreeInput.NeighborUp(ids[peer]));
    }

    /** Crashes node {@code i} at {@code atNanos}: from then on it neither handles nor sends anything. */
    public void crash(int node, long atNanos) {
        pushFault(Math.max(atNanos, now), node, () -> crashed[node] = true);
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
        if (sides.length != cores.length) {
            throw new IllegalArgumentException("need a side for each of " + cores.length + " nodes, got "
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
     * Runs events until the queue is empty or the next event is later than {@code untilNanos}; the clock then
     * stands at the last event handled.
     *
     * @param untilNanos      the virtual time limit
     * @param progress        called now and then with the current virtual time, for progress output
     * @return whether the queue ran empty
     */
    public boolean run(long untilNanos, LongConsumer progress) {
        long handled = 0;
        while (!queue.isEmpty()) {
            Event e = queue.peek();
            if (e.time > untilNanos) {
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

    private void dispatch(Event e) {
        if (e.fault != null) {
            e.fault.run();
            return;
        }
        int node = e.node;
        if (crashed[node]) {
            messagesDropped += e.input instanceof PlumtreeInput.Received ? 1 : 0;
            return;
        }
        if (pausedUntil[node] > now) {
            push(pausedUntil[node], node, e.input);
            return;
        }
        if (e.input instanceof PlumtreeInput.Received r && side[indexOf(r.from())] != side[node]) {
            messagesDropped++;
            return;
        }
        handle(node, e.input);
    }

    private void handle(int node, PlumtreeInput input) {
        eventsHandled++;
        cores[node].handle(input, now, out -> onOutput(node, out));
    }

    private void onOutput(int node, PlumtreeOutput out) {
        if (out instanceof PlumtreeOutput.Send s) {
            int to = indexOf(s.to());
            observer.sent(node, to, s.message(), now);
            if (side[to] != side[node]) {
                messagesDropped++;
                return;
            }
            push(arrival(node, to), to, new PlumtreeInput.Received(ids[node], s.message()));
        } else if (out instanceof PlumtreeOutput.ScheduleTimer t) {
            push(now + t.delayNanos(), node, new PlumtreeInput.TimerFired(t.timer()));
        } else if (out instanceof PlumtreeOutput.Deliver d) {
            observer.delivered(node, d, now);
        } else {
            throw new IllegalStateException("unhandled output " + out);
        }
    }

    /** When a message sent now from {@code from} reaches {@code to} over their reliable link. */
    private long arrival(int from, int to) {
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

    /**
     * Whether a datagram sent now between two nodes would arrive: not across a partition, not to a crashed node,
     * and not lost (probability {@link NetworkOptions#loss()}). For protocols that use unreliable packets.
     */
    public boolean datagramArrives(int from, int to) {
        return !crashed[to] && side[from] == side[to] && !(linkRandom.nextDouble() < network.loss());
    }

    /** SplitMix64's finalizer: a well-spread 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void push(long at, int node, PlumtreeInput input) {
        queue.add(new Event(at, nextSequence++, node, input, null));
    }

    private void pushFault(long at, int node, Runnable fault) {
        queue.add(new Event(at, nextSequence++, node, null, fault));
    }

    /** One queued event; ties in time are broken by scheduling order, so runs are reproducible. */
    private static final class Event implements Comparable<Event> {
        final long time;
        final long sequence;
        final int node;
        /** The input for the node's core, or null for a fault. */
        final PlumtreeInput input;
        /** A timed change of the network or of a node, run by the loop at its time; null for an input. */
        final Runnable fault;

        Event(long time, long sequence, int node, PlumtreeInput input, Runnable fault) {
            this.time = time;
            this.sequence = sequence;
            this.node = node;
            this.input = input;
            this.fault = fault;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
