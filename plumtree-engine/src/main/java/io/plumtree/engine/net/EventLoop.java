package io.plumtree.engine.net;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterOverloadedException;
import io.plumtree.engine.DeliveryOverflow;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.Member;
import io.plumtree.engine.membership.Swim;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.node.NodeCore;
import io.plumtree.engine.state.ReplicatedState;
import io.plumtree.engine.state.StateOutput;
import io.plumtree.engine.node.NodeInput;
import io.plumtree.engine.node.NodeOutput;
import io.plumtree.engine.node.NodeTimer;
import io.plumtree.engine.wire.Decoded;
import io.plumtree.engine.wire.DropCounters;
import io.plumtree.engine.wire.FrameCodec;
import io.plumtree.engine.wire.FrameReader;
import io.plumtree.engine.wire.Keyring;
import io.plumtree.engine.wire.PacketCodec;
import io.plumtree.engine.wire.ReadResult;
import io.plumtree.engine.wire.Sealing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The NIO driver of one node (DESIGN.md rules 2 and 4): one thread, one {@link Selector} over a UDP channel, a TCP
 * server channel and the TCP connections to peers, and a timer queue, driving a {@link NodeCore} unchanged. Other
 * threads talk to it only through {@link #execute}: a command queue and a selector wake-up.
 *
 * <p>Each turn of the duty cycle ({@link #runOnce}) waits for I/O no longer than the next timer, then: runs the queued
 * commands, reads datagrams and stream bytes (into preallocated buffers), fires the timers that are due, does
 * housekeeping (connect and idle timeouts, read pausing when listeners fall behind), then writes every connection
 * given frames during the turn once (one gathering write of its queued frames) and pauses or resumes stream reads
 * for {@link BackPressure}. The clock is read once per step.
 *
 * <p>Connections: opened on demand, one per peer pair. The opener sends {@link Frame.Hello} with its advertised
 * address first; when both sides open at once, the connection opened by the smaller address wins and the other is
 * retired (written out, then closed, never used again). A failed connect backs the address off exponentially; a
 * connection idle for the idle timeout, or to a member that failed or left, is closed. Every outbound queue is bounded
 * in bytes; while a peer's queue holds more than {@link ClusterConfig#backPressureBytes()}, stream reads pause and
 * local broadcasts wait, so a slow peer slows its upstream; a local broadcast also waits while the broadcast core's
 * in-flight window is shut (its slowest member too far behind,
 * {@link io.plumtree.engine.broadcast.Plumtree#admitsBroadcast}). An eager push that still does not fit is dropped
 * and the peer demoted ({@link NodeInput.PeerCongested}); other frames that do not fit are dropped and counted. Remote faults (malformed, foreign, oversized input; resets) are
 * dropped and counted, never thrown.
 */
public final class EventLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    /** Largest datagram read; anything longer is truncated by the OS and then dropped by the codec. */
    private static final int UDP_BUFFER_BYTES = 65_536;
    /** Stream bytes read per read call. */
    private static final int READ_BUFFER_BYTES = 256 * 1024;
    /**
     * Bytes of the {@link FrameRing} payload frames are encoded into (direct memory, made on the first payload sent).
     * Frames that find it full, because some peer's queue still holds its oldest ones, are queued as heap copies.
     */
    static final int RING_BYTES = 8 * 1024 * 1024;
    /** Most datagrams read per turn, so streams and timers are served too. */
    private static final int MAX_DATAGRAMS_PER_TURN = 256;
    /**
     * Most commands run in one turn of the duty cycle; the rest wait for the next, after this turn's writes. As many
     * as the default window of pending broadcasts ({@link ClusterConfig#maxPendingBroadcasts()}), so a publisher's
     * whole window goes out in one turn and each peer is written once for it: at 256 every receiver of a full-speed
     * publisher woke about twice as often for the same bytes (docs/benchmarks.md, tenth sitting).
     */
    private static final int MAX_COMMANDS_PER_TURN = 1024;
    /** Housekeeping period. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Resolved socket addresses kept. */
    private static final int MAX_RESOLVED = 4096;
    /** Most broadcasts waiting for the queues to drain. */
    private static final int MAX_WAITING_BROADCASTS = 10_000;
    /** Longest uninterrupted back-pressure hold (see {@link BackPressure}). */
    private static final long MAX_BACK_PRESSURE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where deliveries and membership events go, and how far behind the listeners are. */
    public interface Sink {
        /** A broadcast delivered by the core; called on the loop thread, must only hand it on. */
        void delivered(PlumtreeOutput.Deliver delivery);

        /** A membership change; called on the loop thread, must only hand it on. */
        void membershipChanged(SwimOutput.MemberEvent event);

        /** A replicated-state key changed for a subscription; called on the loop thread, must only hand it on. */
        void stateChanged(StateOutput.KeyChanged change);

        /** Deliveries and events handed on and not yet consumed. */
        long backlog();

        /** The loop's turn ends: what was handed on during it may start now (see {@link OrderedDispatch#submitHeld}). */
        default void endOfTurn() {
        }

        /**
         * The loop is done with {@code count} more broadcasts given to {@link #broadcast}, sent or failed; their
         * futures complete right after this returns. Called on the loop thread at the end of each turn that finished
         * any (and once after the last turn), so a bound on pending broadcasts is updated once per turn, not once per
         * broadcast, and is never behind what a future's completion tells its caller.
         */
        default void broadcastsFinished(int count) {
        }

        /**
         * The core asks for its seeds resolved again ({@link NodeOutput.ResolveSeeds}); called on the loop thread, must
         * resolve elsewhere and hand the addresses back with {@link NodeInput.SeedsResolved} through
         * {@link #execute}.
         */
        void resolveSeeds();
    }

    private final ClusterConfig config;
    private final Sink sink;
    private final NodeCore core;
    private final NodeId self;
    /** This node's advertised address, as membership knows it. */
    private final String selfAddress;

    private final Selector selector;
    private final DatagramChannel udp;
    private final ServerSocketChannel server;
    private final DropCounters drops = new DropCounters();
    private final PacketCodec packets;
    private final FrameCodec frames;

    private final TimerQueue timers = new TimerQueue();
    /** Loop-side tasks at a deadline (join retries, leave completion), apart from the core's timers. */
    private final PriorityQueue<Scheduled> tasks = new PriorityQueue<>();
    private long taskSequence;
    /** Commands posted by other threads. */
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    /** Inputs the loop produced while the core was busy (a dropped push), fed after the current input. */
    private final ArrayDeque<NodeInput> deferred = new ArrayDeque<>();

    /** The connection used to send to each peer address. */
    private final Map<String, Connection> byPeer = new HashMap<>();
    /** Every open connection, including retired and not yet introduced ones. */
    private final LinkedHashSet<Connection> connections = new LinkedHashSet<>();
    /** Addresses that failed to connect: when to try again and the delay that led there. */
    private final Map<String, long[]> backoff = new HashMap<>();
    /** Socket addresses of recently used peer addresses, looked up again after a while or a failed connect. */
    private final ResolvedAddresses resolved = new ResolvedAddresses(a -> HostPort.parse(a).toSocketAddress(),
            MAX_RESOLVED);
    /** The last broadcast frame encoded in the clear, and its bytes (never changed once encoded), to share. */
    private Frame.Broadcast lastBroadcastFrame;
    private ByteBuffer lastBroadcastBytes;
    /** The payload frames queued to peers, each written once however many peers it goes to; made on first use. */
    private FrameRing ring;
    /** Connections given frames this turn, written once at the end of it (one gathering write for all of them). */
    private final List<Connection> dirty = new ArrayList<>();
    /** Broadcasts waiting for the queues to drain below {@link ClusterConfig#maxQueuedBytes()}, oldest first. */
    private final ArrayDeque<WaitingBroadcast> waitingBroadcasts = new ArrayDeque<>();

    private final ByteBuffer udpBuffer = ByteBuffer.allocateDirect(UDP_BUFFER_BYTES);
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ReadFrames readFrames = new ReadFrames();
    /** The gossip this node sends during a turn, held to leave in runs. */
    private final GossipRuns heldGossip;
    private final BiConsumer<String, Frame> sendNow = this::sendFrameNow;
    private final Consumer<NodeOutput> apply = this::apply;

    /** The time of the current step, for outputs that need it. */
    private long now;
    private long nextHousekeeping;
    /** Id of this node's own broadcast, captured from the core's delivery while a broadcast is handled. */
    private MessageId ownBroadcastId;
    /**
     * Whether some stream may have its reads paused (set whenever one is, cleared by {@link #updateReadPause()} once
     * none is), so that the turn's end looks at every stream until all are read again.
     */
    private boolean streamsPaused;
    /** The most bytes queued to one peer, unless {@link #fullestStale}; see {@link #fullestQueue()}. */
    private long fullestQueued;
    /** Whether a queue shrank or went away since {@link #fullestQueued} was counted. */
    private boolean fullestStale;
    /** Whether listeners fell behind (deliveries waiting over {@link ClusterConfig#maxDeliveryBacklog()}). */
    private boolean listenersBehind;
    /** Whether this node should stop taking in more, for a peer's queue is filling up. */
    private final BackPressure backPressure;

    private long queuedBytes;
    private long packetsSent;
    private long packetsReceived;
    private long framesSent;
    private long framesReceived;
    private long bytesSent;
    private long bytesReceived;
    private long sendsDropped;
    private long congestedPushes;
    /** Loop time of the last warning about a dropped eager push. */
    private long lastCongestionLog;
    private long readPauses;
    /** Sum of {@link SwimMessage#encodedSize()} of the membership messages sent, by datagram or stream. */
    private long membershipBytesSent;

    private volatile boolean running = true;
    /**
     * Set once {@link #run()} has closed everything: from then on the command queue is drained by whoever posts (or
     * by the loop's last step), since no turn will take it. Set before that last drain, so a command posted
     * concurrently is seen by one of the two.
     */
    private volatile boolean finished;
    private volatile Thread thread;
    /**
     * Whether the loop may be blocked in {@code select}, so a thread posting a command must wake it. Set before the
     * loop looks at the command queue one last time, cleared when it wakes: a poster either sees it set, or posted
     * before that look. A loop that is busy is not woken at all (a wake-up is a system call, and the poster and the
     * loop would contend for the selector's wake-up lock on every command).
     */
    private volatile boolean sleeping;
    /**
     * Broadcasts finished this turn, to be reported to {@link Sink#broadcastsFinished} and then completed at its end:
     * their futures, and for each its message id or the exception it fails with (parallel lists).
     */
    private final List<CompletableFuture<MessageId>> finishedFutures = new ArrayList<>();
    private final List<Object> finishedOutcomes = new ArrayList<>();

    /**
     * Binds the sockets and builds the node core; nothing runs until {@link #run()} (or {@link #runOnce}) is called.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public EventLoop(ClusterConfig config, Sink sink) {
        this.config = config;
        this.sink = sink;
        this.self = config.nodeName();
        this.heldGossip = new GossipRuns(self, GossipRuns.maxRunBytes(config.wireLimits()));
        try {
            selector = Selector.open();
            InetAddress bindIp = InetAddress.getByName(config.bindHost());
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(bindIp, config.port()), 256);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            udp = DatagramChannel.open(bindIp instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
            udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            udp.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            try {
                udp.bind(new InetSocketAddress(bindIp, port));
            } catch (IOException e) {
                server.close();
                throw new IOException("UDP port " + port + " on " + config.bindHost() + " is taken (TCP was free): "
                        + e.getMessage(), e);
            }
            server.configureBlocking(false);
            udp.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            udp.register(selector, SelectionKey.OP_READ);
            this.selfAddress = advertised(config, bindIp, port).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + config.bindHost() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        Sealing sealing = config.keys().isEmpty() ? Sealing.none()
                : Sealing.with(Keyring.of(config.keys().toArray(byte[][]::new)), new SecureRandom()::nextBytes);
        this.backPressure = new BackPressure(config.backPressureBytes(), MAX_BACK_PRESSURE_NANOS);
        this.packets = new PacketCodec(config.clusterName(), config.wireLimits(), drops, sealing);
        this.frames = new FrameCodec(config.clusterName(), config.wireLimits(), drops, sealing);
        SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
        this.core = new NodeCore(new Swim(self, selfAddress, config.metadata(), config.membership(), random.split()),
                new Plumtree(self, config.broadcast(), random.split(), firstSequence()), config.deliveryOrderWait(),
                config.state() == null ? null
                        : new ReplicatedState(self, config.state(), random.split(), firstSequence()));
    }

    /**
     * Where this incarnation numbers its broadcasts: the wall clock in milliseconds times 1,000, above every sequence
     * an earlier incarnation of this name used unless it published more than 1,000 messages per millisecond on
     * average or the clock went back.
     */
    private static long firstSequence() {
        return Math.max(1, System.currentTimeMillis() * 1_000);
    }

    /** The address others reach this node at: the configured one, else the bind address, else this host's. */
    private static HostPort advertised(ClusterConfig config, InetAddress bindIp, int boundPort) throws IOException {
        int port = config.advertisePort() != 0 ? config.advertisePort() : boundPort;
        if (config.advertiseHost() != null) {
            return new HostPort(config.advertiseHost(), port);
        }
        if (!bindIp.isAnyLocalAddress()) {
            return new HostPort(bindIp.getHostAddress(), port);
        }
        return new HostPort(InetAddress.getLocalHost().getHostAddress(), port);
    }

    /** This node's advertised address. */
    public String address() {
        return selfAddress;
    }

    /** The node core; touch it only on the loop thread, or after the loop has stopped. */
    public NodeCore core() {
        return core;
    }

    /** Whether the calling thread is the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code command} on the loop thread soon. Safe from any thread. */
    public void execute(Runnable command) {
        post(Command.task(Objects.requireNonNull(command, "command")));
    }

    private void post(Command command) {
        commands.add(command);
        if (finished) {
            refuseCommandsLeft(); // the loop is gone and will never take it
        } else if (sleeping && !inLoop()) {
            selector.wakeup();
        }
    }

    /**
     * Fails the broadcasts still in the command queue and drops its tasks, once the loop has finished: a broadcast
     * posted behind the loop's last turn would otherwise stay incomplete forever. Any thread; each command is taken
     * once.
     */
    private void refuseCommandsLeft() {
        Command c;
        while ((c = commands.poll()) != null) {
            if (c.task() == null) {
                c.result().completeExceptionally(closedFailure());
            }
        }
    }

    /** What a broadcast the closed loop will never send fails with. */
    private IllegalStateException closedFailure() {
        return new IllegalStateException("node " + self + " closed");
    }

    /**
     * Broadcasts {@code payload} on the loop thread soon, as {@link #broadcast} (in order with {@link #execute}d
     * commands). Safe from any thread.
     */
    public void submitBroadcast(byte[] payload, long deadlineNanos, CompletableFuture<MessageId> result) {
        post(Command.broadcast(Objects.requireNonNull(payload, "payload"), deadlineNanos,
                Objects.requireNonNull(result, "result")));
    }

    /** Asks the loop to stop after its current turn; {@link #run()} then closes every channel. */
    public void stop() {
        running = false;
        selector.wakeup();
    }

    /** Whether the loop has not been stopped. */
    public boolean running() {
        return running;
    }

    /** Runs the duty cycle on the calling thread until {@link #stop()}, then closes everything. */
    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (running) {
                runOnce(Long.MAX_VALUE);
            }
        } finally {
            try {
                closeAll();
                reportFinishedBroadcasts();
            } finally {
                finished = true;
                refuseCommandsLeft();
            }
        }
    }

    /**
     * One turn of the duty cycle on the calling thread (the loop thread; tests may step a loop this way instead of
     * {@link #run()}).
     *
     * @param maxWaitNanos longest wait for I/O when nothing is due
     * @return how many things were done: commands, datagrams, frames, timers
     */
    public int runOnce(long maxWaitNanos) {
        if (thread == null) {
            thread = Thread.currentThread();
        }
        int work = 0;
        try {
            long t = System.nanoTime();
            long wake = Math.min(Math.min(timers.nextDeadline(), nextTaskDeadline()), nextHousekeeping);
            long wait = Math.min(wake - t, maxWaitNanos);
            sleeping = true;
            if (!commands.isEmpty() || !deferred.isEmpty() || wait <= 0) {
                sleeping = false;
                selector.selectNow();
            } else {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
                sleeping = false;
            }
            now = System.nanoTime();
            work += drainCommands();
            for (SelectionKey key : selector.selectedKeys()) {
                work += onSelected(key);
            }
            selector.selectedKeys().clear();
            work += fireTimers();
            if (now - nextHousekeeping >= 0) {
                housekeeping();
                nextHousekeeping = now + HOUSEKEEPING_NANOS;
            } else if (!waitingBroadcasts.isEmpty()) {
                releaseWaitingBroadcasts();
            }
            flushDirty();
            if (!deferred.isEmpty()) { // streams found lost by this turn's reads and writes
                handleDeferred();
                flushDirty();
            }
            updateReadPause();
        } catch (IOException e) {
            log.error("{}: selector failed; the node stops", self, e);
            running = false;
        } finally {
            reportFinishedBroadcasts();
            sink.endOfTurn();
        }
        return work;
    }

    // ---- commands and tasks ----

    /**
     * Runs the commands queued now, at most {@value #MAX_COMMANDS_PER_TURN}: a thread that keeps posting (a publisher
     * whose next broadcast waits only for the previous one's future) would otherwise keep the loop in this method,
     * its frames queued and never written until the per-peer bound drops them.
     */
    private int drainCommands() {
        int n = 0;
        Command c;
        while (n < MAX_COMMANDS_PER_TURN && (c = commands.poll()) != null) {
            n++;
            try {
                if (c.task() == null) {
                    broadcast(c.payload(), c.deadlineNanos(), c.result());
                } else {
                    c.task().run();
                }
            } catch (RuntimeException e) {
                log.error("{}: command failed", self, e);
            }
        }
        return n;
    }

    /** Runs {@code task} on the loop thread at loop time {@code deadlineNanos}. Loop thread only. */
    public void schedule(long deadlineNanos, Runnable task) {
        tasks.add(new Scheduled(deadlineNanos, taskSequence++, task));
    }

    /** The loop's clock (the time of the current step). Loop thread only. */
    public long now() {
        return now;
    }

    private long nextTaskDeadline() {
        Scheduled s = tasks.peek();
        return s == null ? Long.MAX_VALUE : s.deadlineNanos;
    }

    private record Scheduled(long deadlineNanos, long sequence, Runnable task) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(deadlineNanos, o.deadlineNanos);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** Feeds one input to the core, then whatever the loop deferred while the core was busy. Loop thread only. */
    public void handle(NodeInput input) {
        feed(input);
        NodeInput next;
        while ((next = deferred.poll()) != null) {
            feed(next);
        }
    }

    /**
     * Feeds a local command to the core and lets its exceptions (a refused command: a value over a limit) reach the
     * caller, who posted it and waits for the answer. Loop thread only.
     */
    public void handleCommand(NodeInput input) {
        core.handle(input, now, apply);
        handleDeferred();
    }

    private void feed(NodeInput input) {
        try {
            core.handle(input, now, apply);
        } catch (RuntimeException e) {
            log.error("{}: the node core failed on {}", self, input.getClass().getSimpleName(), e);
        }
    }

    /**
     * Broadcasts {@code payload} now, or once the outbound queues drain below their limit before
     * {@code deadlineNanos} ({@link System#nanoTime()}, the loop's clock: the caller's start plus the broadcast
     * timeout, which waiting for a place before the loop already used part of); completes {@code result} with the
     * message id, or fails it. Loop thread only.
     */
    public void broadcast(byte[] payload, long deadlineNanos, CompletableFuture<MessageId> result) {
        if (waitingBroadcasts.isEmpty() && admitsBroadcast()) {
            broadcastNow(payload, result);
        } else if (config.broadcastTimeout().isZero() || waitingBroadcasts.size() >= MAX_WAITING_BROADCASTS) {
            fail(result, overloaded());
        } else {
            waitingBroadcasts.add(new WaitingBroadcast(payload, result, deadlineNanos));
        }
    }

    /**
     * Whether a local broadcast may go out now: queues under their total bound, no back-pressure, and the broadcast
     * core's in-flight window open ({@link io.plumtree.engine.broadcast.Plumtree#admitsBroadcast}). Back-pressure is
     * looked at afresh (not as the end of the last turn left it), since the broadcasts of one turn fill the queues
     * that only the end of the turn writes.
     */
    private boolean admitsBroadcast() {
        return queuedBytes <= config.maxQueuedBytes() && !backPressureHolds()
                && core.broadcast().admitsBroadcast(now);
    }

    private record WaitingBroadcast(byte[] payload, CompletableFuture<MessageId> result, long deadlineNanos) {
    }

    private void broadcastNow(byte[] payload, CompletableFuture<MessageId> result) {
        ownBroadcastId = null;
        try {
            core.handle(new NodeInput.Broadcast(payload), now, apply);
        } catch (RuntimeException e) {
            fail(result, e);
            return;
        }
        MessageId id = ownBroadcastId;
        handleDeferred();
        if (id == null) {
            fail(result, new IllegalStateException("the broadcast core did not deliver its own broadcast"));
        } else {
            finishedFutures.add(result);
            finishedOutcomes.add(id);
        }
    }

    private void fail(CompletableFuture<MessageId> result, RuntimeException e) {
        finishedFutures.add(result);
        finishedOutcomes.add(e);
    }

    /** Reports this turn's finished broadcasts, then completes their futures (callbacks run here, on the loop). */
    private void reportFinishedBroadcasts() {
        int n = finishedFutures.size();
        if (n == 0) {
            return;
        }
        sink.broadcastsFinished(n);
        for (int i = 0; i < n; i++) {
            Object outcome = finishedOutcomes.get(i);
            if (outcome instanceof MessageId id) {
                finishedFutures.get(i).complete(id);
            } else {
                finishedFutures.get(i).completeExceptionally((RuntimeException) outcome);
            }
        }
        finishedFutures.clear();
        finishedOutcomes.clear();
    }

    private void handleDeferred() {
        NodeInput next;
        while ((next = deferred.poll()) != null) {
            feed(next);
        }
    }

    private ClusterOverloadedException overloaded() {
        return new ClusterOverloadedException("outbound queues hold " + queuedBytes + " bytes (maxQueuedBytes "
                + config.maxQueuedBytes() + "), the fullest " + fullestQueue() + " (back-pressure holds broadcasts "
                + "over backPressureBytes, " + config.backPressureBytes() + "), and " + core.broadcast().inFlight()
                + " of this node's broadcasts are unacknowledged by the slowest member (window "
                + config.broadcast().inFlightWindow() + "), for longer than broadcastTimeout ("
                + config.broadcastTimeout() + "); " + waitingBroadcasts.size() + " broadcasts waiting");
    }

    private void releaseWaitingBroadcasts() {
        while (!waitingBroadcasts.isEmpty()) {
            WaitingBroadcast w = waitingBroadcasts.peek();
            if (admitsBroadcast()) {
                waitingBroadcasts.poll();
                broadcastNow(w.payload, w.result);
            } else if (now - w.deadlineNanos >= 0) {
                waitingBroadcasts.poll();
                fail(w.result, overloaded());
            } else {
                return;
            }
        }
    }

    // ---- outputs ----

    private void apply(NodeOutput o) {
        if (o instanceof NodeOutput.SendPacket p) {
            sendPacket(p.toAddress(), p.messages());
        } else if (o instanceof NodeOutput.SendFrame f) {
            sendFrame(f.toAddress(), f.frame());
        } else if (o instanceof NodeOutput.ScheduleTimer t) {
            timers.schedule(now + t.delayNanos(), t.timer());
        } else if (o instanceof NodeOutput.Delivered d) {
            if (d.delivery().hops() == 0 && d.delivery().id().origin().equals(self)) {
                ownBroadcastId = d.delivery().id();
            }
            sink.delivered(d.delivery());
        } else if (o instanceof NodeOutput.StateChanged c) {
            sink.stateChanged(c.change());
        } else if (o instanceof NodeOutput.ResolveSeeds) {
            sink.resolveSeeds();
        } else if (o instanceof NodeOutput.MembershipChanged m) {
            sink.membershipChanged(m.event());
            SwimOutput.MemberEvent.Kind kind = m.event().kind();
            if (kind == SwimOutput.MemberEvent.Kind.FAILED || kind == SwimOutput.MemberEvent.Kind.LEFT) {
                Connection c = byPeer.get(m.event().member().address());
                if (c != null) {
                    close(c, false);
                }
            }
        } else {
            throw new IllegalStateException("unhandled output " + o);
        }
    }

    private void sendPacket(String to, List<SwimMessage> messages) {
        byte[] bytes;
        try {
            bytes = packets.encode(messages);
        } catch (IllegalArgumentException e) {
            sendsDropped++;
            log.warn("{}: packet to {} not encodable: {}", self, to, e.getMessage());
            return;
        }
        LinkFaults faults = config.linkFaults();
        if (faults != LinkFaults.NONE) {
            if (faults.dropDatagram(to)) {
                return;
            }
            long delay = faults.datagramDelayNanos(to);
            if (delay > 0) {
                schedule(now + delay, () -> transmit(to, bytes, messages));
                return;
            }
        }
        transmit(to, bytes, messages);
    }

    /** Sends one encoded datagram now. */
    private void transmit(String to, byte[] bytes, List<SwimMessage> messages) {
        InetSocketAddress target = resolve(to);
        if (target == null) {
            sendsDropped++;
            return;
        }
        try {
            int sent = udp.send(ByteBuffer.wrap(bytes), target);
            if (sent == 0) {
                sendsDropped++; // the socket's buffer is full: UDP may lose it anyway
                return;
            }
            packetsSent++;
            bytesSent += sent;
            for (SwimMessage m : messages) {
                membershipBytesSent += m.encodedSize();
            }
        } catch (IOException | RuntimeException e) {
            sendsDropped++;
            log.debug("{}: datagram to {} failed: {}", self, to, e.toString());
        }
    }

    /**
     * Sends {@code frame} to {@code to}: gossip is held to leave in runs ({@link GossipRuns}); any other frame first
     * lets what is held go, so that frames keep the order the core sent them in.
     */
    private void sendFrame(String to, Frame frame) {
        if (heldGossip.holds(frame)) {
            if (heldGossip.add(to, (Frame.Broadcast) frame)) {
                releaseHeldGossip();
            }
            return;
        }
        releaseHeldGossip();
        sendFrameNow(to, frame);
    }

    /** Queues the gossip held so far, as runs. */
    private void releaseHeldGossip() {
        if (!heldGossip.isEmpty()) {
            heldGossip.release(sendNow);
        }
    }

    private void sendFrameNow(String to, Frame frame) {
        if (to.equals(selfAddress)) {
            sendsDropped++;
            return;
        }
        if (config.linkFaults() != LinkFaults.NONE && config.linkFaults().dropFrame(to)) {
            return;
        }
        ByteBuffer bytes;
        try {
            bytes = encode(frame);
        } catch (IllegalArgumentException e) {
            sendsDropped++;
            log.warn("{}: frame to {} not encodable: {}", self, to, e.getMessage());
            return;
        }
        Connection c = byPeer.get(to);
        if (c == null) {
            c = open(to);
            if (c == null) {
                dropped(to, frame);
                return;
            }
        }
        if (c.queuedBytes() + bytes.remaining() > config.maxQueuedBytesPerPeer()) {
            dropped(to, frame);
            return;
        }
        enqueue(c, bytes, !isGossip(frame));
        framesSent++;
        if (frame instanceof Frame.Membership m) {
            membershipBytesSent += m.message().encodedSize();
        }
        if (c.connected && !c.dirty) {
            c.dirty = true;
            dirty.add(c);
        }
    }

    /**
     * The bytes of {@code frame}. A payload pushed to several peers comes as one message in a frame per peer, all
     * alike unless sealed (each sealed frame has its own nonce): the clear bytes of the last one are kept and shared,
     * each queue reading its own view of them, so a message is encoded once however many peers it goes to. A payload
     * is encoded into the {@link FrameRing} when it has room, so that no queue copies it again.
     */
    private ByteBuffer encode(Frame frame) {
        if (!(frame instanceof Frame.Broadcast b) || frames.seals()) {
            return frames.encode(frame);
        }
        Frame.Broadcast last = lastBroadcastFrame;
        if (last == null || last.message() != b.message() || !last.from().equals(b.from())) {
            lastBroadcastBytes = carriesPayloads(b) ? encodeInRing(b) : null;
            if (lastBroadcastBytes == null) {
                lastBroadcastBytes = frames.encode(frame);
            }
            lastBroadcastFrame = b;
        }
        return lastBroadcastBytes.duplicate();
    }

    /** {@code frame} encoded into the ring, or null if the ring has no room for it now. */
    private ByteBuffer encodeInRing(Frame.Broadcast frame) {
        long size = frames.encodedSize(frame);
        if (size > Integer.MAX_VALUE) {
            return null;
        }
        if (ring == null) {
            ring = new FrameRing(RING_BYTES);
        }
        ByteBuffer view = ring.reserve((int) size, connections);
        if (view == null) {
            return null;
        }
        int start = view.position();
        frames.encode(frame, view);
        if (view.hasRemaining()) {
            throw new IllegalStateException("frame encoded to " + (view.position() - start) + " bytes, " + size
                    + " expected");
        }
        return view.position(start);
    }

    /** Whether {@code frame} carries a payload (Plumtree's gossip), the bulk of a busy node's traffic. */
    private static boolean isGossip(Frame frame) {
        return frame instanceof Frame.Broadcast b && carriesPayloads(b);
    }

    /** Whether {@code frame} is a GOSSIP or a run of them. */
    private static boolean carriesPayloads(Frame.Broadcast frame) {
        return frame.message() instanceof PlumtreeMessage.Gossip
                || frame.message() instanceof PlumtreeMessage.GossipRun;
    }

    /** Whether back-pressure holds, after showing it the fullest queue now; warns when a hold is cut short. */
    private boolean backPressureHolds() {
        long suspensionsBefore = backPressure.suspensions();
        boolean wasHeld = backPressure.engaged();
        boolean held = backPressure.update(fullestQueue(), now);
        if (backPressure.suspensions() != suspensionsBefore) {
            log.warn("{}: back-pressure held {} ms without the fullest outbound queue ({} bytes, to {}) draining to "
                    + "half of backPressureBytes; suspended as long, pushes that do not fit meanwhile demote their "
                    + "peer", self, MAX_BACK_PRESSURE_NANOS / 1_000_000, fullestQueue(), fullestPeer());
        } else if (held != wasHeld && log.isDebugEnabled()) {
            log.debug("{}: back-pressure {} (fullest outbound queue {} bytes, to {})", self,
                    held ? "holds" : "released", fullestQueue(), fullestPeer());
        }
        return held;
    }

    /** The peer with the most bytes queued to it (a scan: only logging asks). */
    private String fullestPeer() {
        Connection fullest = null;
        for (Connection c : connections) {
            if (fullest == null || c.queuedBytes() > fullest.queuedBytes()) {
                fullest = c;
            }
        }
        return fullest == null || fullest.peer == null ? "no one" : fullest.peer;
    }

    /**
     * Bytes queued to the peer with the most waiting: kept up to date as queues grow, counted again only after one
     * shrank (asked once per local broadcast, which at full speed walked every connection hundreds of thousands of
     * times a second).
     */
    private long fullestQueue() {
        if (fullestStale) {
            long fullest = 0;
            for (Connection c : connections) {
                fullest = Math.max(fullest, c.queuedBytes());
            }
            fullestQueued = fullest;
            fullestStale = false;
        }
        return fullestQueued;
    }

    /**
     * Queues {@code bytes} on {@code c}, ahead of its gossip not yet begun if {@code isControl} (see {@link
     * Connection#enqueue}), and keeps {@link #fullestQueue()} current.
     */
    private void enqueue(Connection c, ByteBuffer bytes, boolean isControl) {
        c.enqueue(bytes, isControl);
        queuedBytes += bytes.remaining();
        fullestQueued = Math.max(fullestQueued, c.queuedBytes());
    }

    /**
     * Pauses or resumes stream reads as listeners and back-pressure require: every stream while listeners are
     * behind; while back-pressure holds, every stream but those of the peers this node waits for
     * ({@link BackPressure#readsFrom}).
     */
    private void updateReadPause() {
        boolean held = backPressureHolds();
        if (!held && !listenersBehind && !streamsPaused) {
            return;
        }
        boolean paused = false;
        for (Connection c : connections) {
            if (c.connected && c.key.isValid()) {
                if (c.reading != readsFrom(c)) {
                    c.key.interestOps(readOps(c) | (c.hasQueued() ? SelectionKey.OP_WRITE : 0));
                }
                paused |= !c.reading;
            }
        }
        streamsPaused = paused;
    }

    /** Whether this node reads the stream of {@code c} now (see {@link #updateReadPause()}). */
    private boolean readsFrom(Connection c) {
        return !listenersBehind && backPressure.readsFrom(c.queuedBytes());
    }

    /**
     * Writes the connections that were given frames this turn: every frame queued in one turn (a read burst, a batch
     * of commands) leaves in one gathering write per connection instead of one system call per frame.
     */
    private void flushDirty() {
        releaseHeldGossip();
        for (int i = 0; i < dirty.size(); i++) {
            Connection c = dirty.get(i);
            c.dirty = false;
            if (connections.contains(c)) {
                write(c);
            }
        }
        dirty.clear();
    }

    /** A frame that could not be queued: counted, and an eager push demotes its peer. */
    private void dropped(String to, Frame frame) {
        sendsDropped++;
        if (frame instanceof Frame.Broadcast b && b.message() instanceof PlumtreeMessage.Gossip g) {
            congested(to, g);
        } else if (frame instanceof Frame.Broadcast b && b.message() instanceof PlumtreeMessage.GossipRun run) {
            for (int i = 0; i < run.payloads().size(); i++) {
                congested(to, run.gossip(i));
            }
        }
    }

    /** An eager push of {@code g} to {@code to} was dropped: logged now and then, and the peer demoted. */
    private void congested(String to, PlumtreeMessage.Gossip g) {
        if (congestedPushes++ == 0 || now - lastCongestionLog > TimeUnit.SECONDS.toNanos(10)) {
            lastCongestionLog = now;
            log.warn("{}: the queue to {} is full (maxQueuedBytesPerPeer {}): an eager push was dropped and the "
                    + "peer demoted, for Plumtree to repair ({} such pushes so far)", self, to,
                    config.maxQueuedBytesPerPeer(), congestedPushes);
        }
        NodeId peer = peerOf(to);
        if (peer != null) {
            deferred.add(new NodeInput.PeerCongested(peer, g.id(), g.hops()));
        }
    }

    /** The member at {@code address} (a scan; only a dropped push needs it). */
    private NodeId peerOf(String address) {
        for (Member m : core.membership().members()) {
            if (m.address().equals(address) && !m.id().equals(self)) {
                return m.id();
            }
        }
        return null;
    }

    private InetSocketAddress resolve(String address) {
        try {
            return resolved.get(address, now);
        } catch (IllegalArgumentException e) {
            log.debug("{}: bad peer address {}: {}", self, address, e.getMessage());
            return null;
        }
    }

    // ---- connections ----

    /** Opens a connection to {@code address} and queues the hello, or returns null while it is backed off. */
    private Connection open(String address) {
        long[] b = backoff.get(address);
        if (b != null && now - b[0] < 0) {
            return null;
        }
        InetSocketAddress target = resolve(address);
        if (target == null) {
            return null;
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            Connection c = new Connection(ch, true, new FrameReader(frames), now);
            c.peer = address;
            boolean done = ch.connect(target);
            c.key = ch.register(selector, done ? readOps(c) : SelectionKey.OP_CONNECT, c);
            c.connected = done;
            connections.add(c);
            byPeer.put(address, c);
            ByteBuffer hello = frames.encode(new Frame.Hello(selfAddress));
            enqueue(c, hello, true);
            if (done) {
                backoff.remove(address);
                write(c);
            }
            return c;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a channel that failed to connect
                }
            }
            backOff(address);
            log.debug("{}: connect to {} failed: {}", self, address, e.toString());
            return null;
        }
    }

    private void backOff(String address) {
        resolved.forget(address);
        long[] b = backoff.get(address);
        long min = config.reconnectBackoff().toNanos();
        long delay = b == null ? min : Math.min(config.maxReconnectBackoff().toNanos(), b[1] * 2);
        backoff.put(address, new long[]{now + delay, delay});
    }

    private int readOps(Connection c) {
        c.reading = readsFrom(c);
        if (!c.reading) {
            streamsPaused = true;
        }
        return c.reading ? SelectionKey.OP_READ : 0;
    }

    private int onSelected(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return 0;
            }
            if (key.channel() == udp) {
                return readDatagrams();
            }
            if (key.channel() == server) {
                accept();
                return 1;
            }
            Connection c = (Connection) key.attachment();
            int work = 0;
            if (key.isConnectable()) {
                finishConnect(c);
            }
            if (key.isValid() && key.isReadable() && readsFrom(c)) {
                work += read(c);
            }
            if (key.isValid() && key.isWritable()) {
                write(c);
            }
            return work;
        } catch (CancelledKeyException e) {
            return 0;
        }
    }

    private int readDatagrams() {
        int n = 0;
        while (n < MAX_DATAGRAMS_PER_TURN) {
            udpBuffer.clear();
            SocketAddress from;
            try {
                from = udp.receive(udpBuffer);
            } catch (IOException e) {
                log.debug("{}: datagram receive failed: {}", self, e.toString());
                return n;
            }
            if (from == null) {
                return n;
            }
            n++;
            packetsReceived++;
            udpBuffer.flip();
            bytesReceived += udpBuffer.remaining();
            Decoded<List<SwimMessage>> d = packets.decode(udpBuffer);
            if (d instanceof Decoded.Ok<List<SwimMessage>> ok) {
                handle(new NodeInput.PacketReceived(HostPort.of((InetSocketAddress) from).toString(), ok.value()));
            }
        }
        return n;
    }

    private void accept() {
        SocketChannel ch;
        try {
            ch = server.accept();
            if (ch == null) {
                return;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        } catch (IOException e) {
            log.debug("{}: accept failed: {}", self, e.toString());
            return;
        }
        Connection c = new Connection(ch, false, new FrameReader(frames), now);
        c.connected = true;
        try {
            c.key = ch.register(selector, readOps(c), c);
        } catch (IOException e) {
            close(c, false);
            return;
        }
        connections.add(c);
    }

    private void finishConnect(Connection c) {
        try {
            if (c.channel.finishConnect()) {
                c.connected = true;
                c.lastActivityNanos = now;
                backoff.remove(c.peer);
                c.key.interestOps(readOps(c));
                write(c);
            }
        } catch (IOException e) {
            log.debug("{}: connect to {} failed: {}", self, c.peer, e.toString());
            lost(c, true);
        }
    }

    private int read(Connection c) {
        int work = 0;
        for (int reads = 0; reads < 16 && c.channel.isOpen(); reads++) {
            readBuffer.clear();
            int n;
            try {
                n = c.channel.read(readBuffer);
            } catch (IOException e) {
                lost(c, false);
                return work;
            }
            if (n < 0) {
                lost(c, false);
                return work;
            }
            if (n == 0) {
                return work;
            }
            bytesReceived += n;
            c.lastActivityNanos = now;
            readBuffer.flip();
            readFrames.clear();
            ReadResult r = c.reader.read(readBuffer, readFrames);
            for (int i = 0; i < readFrames.size(); i++) {
                work++;
                onFrame(c, readFrames.get(i));
            }
            readFrames.clear();
            if (r instanceof ReadResult.Fatal fatal) {
                log.warn("{}: closing the stream from {}: {}", self, c.peer == null ? remote(c) : c.peer,
                        fatal.reason());
                close(c, false);
                return work;
            }
            checkBacklog();
            if (n < READ_BUFFER_BYTES || !readsFrom(c)) {
                return work;
            }
        }
        return work;
    }

    private void onFrame(Connection c, Frame f) {
        if (f instanceof Frame.Hello h) {
            if (c.outbound || c.peer != null) {
                return; // only the opener says hello, once
            }
            c.peer = h.address();
            introduce(c);
            return;
        }
        if (c.peer == null) {
            log.warn("{}: stream from {} sent a frame before its hello; closing it", self, remote(c));
            close(c, false);
            return;
        }
        framesReceived++;
        handle(new NodeInput.FrameReceived(c.peer, f));
    }

    /** An inbound connection said who it is: make it the peer's connection unless ours wins a simultaneous open. */
    private void introduce(Connection in) {
        if (in.peer.equals(selfAddress)) {
            in.retired = true;
            return;
        }
        Connection existing = byPeer.get(in.peer);
        if (existing != null && existing.outbound && selfAddress.compareTo(in.peer) < 0) {
            in.retired = true; // both opened at once; the smaller address's connection wins: ours
            return;
        }
        byPeer.put(in.peer, in);
        if (existing != null) {
            existing.retired = true;
            if (!existing.hasQueued()) {
                close(existing, false);
            }
        }
    }

    private void write(Connection c) {
        if (!c.connected || !c.channel.isOpen()) {
            return;
        }
        try {
            long written = c.flush();
            if (written > 0) {
                fullestStale = true;
            }
            queuedBytes -= written;
            if (written > 0) {
                bytesSent += written;
                c.lastActivityNanos = now;
            }
        } catch (IOException e) {
            lost(c, false);
            return;
        }
        if (c.hasQueued()) {
            c.key.interestOps(readOps(c) | SelectionKey.OP_WRITE);
        } else if (c.retired && c.outbound) {
            close(c, false);
        } else {
            c.key.interestOps(readOps(c));
        }
    }

    /**
     * Closes a connection the peer's side ended or broke (or that could not be opened) and tells the core, which
     * probes that member next ({@link NodeInput.StreamLost}): a crashed process's host closes its sockets at once. A
     * retired connection is expected to end and tells nothing.
     */
    private void lost(Connection c, boolean connectFailed) {
        boolean tell = c.peer != null && !c.retired && connections.contains(c);
        close(c, connectFailed);
        if (tell) {
            deferred.add(new NodeInput.StreamLost(c.peer));
        }
    }

    private void close(Connection c, boolean connectFailed) {
        if (!connections.remove(c)) {
            return;
        }
        if (c.peer != null && byPeer.get(c.peer) == c) {
            byPeer.remove(c.peer);
        }
        long lost = c.queuedBytes();
        int lostFrames = c.discardQueue();
        fullestStale = true;
        queuedBytes -= lost;
        sendsDropped += lostFrames;
        if (connectFailed && c.peer != null) {
            backOff(c.peer);
        }
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            c.channel.close();
        } catch (IOException e) {
            log.debug("{}: close failed: {}", self, e.toString());
        }
    }

    private static String remote(Connection c) {
        try {
            return String.valueOf(c.channel.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- timers and housekeeping ----

    private int fireTimers() {
        int n = 0;
        NodeTimer t;
        while ((t = timers.pollDue(now)) != null) {
            n++;
            handle(new NodeInput.TimerFired(t));
        }
        Scheduled s;
        while ((s = tasks.peek()) != null && s.deadlineNanos - now <= 0) {
            tasks.poll();
            n++;
            try {
                s.task.run();
            } catch (RuntimeException e) {
                log.error("{}: task failed", self, e);
            }
        }
        return n;
    }

    private void housekeeping() {
        long connectTimeout = config.connectTimeout().toNanos();
        long idle = config.idleTimeout().toNanos();
        for (Connection c : List.copyOf(connections)) {
            if (!c.connected && now - c.openedNanos > connectTimeout) {
                log.debug("{}: connect to {} timed out", self, c.peer);
                lost(c, true);
            } else if (now - c.lastActivityNanos > idle && !c.hasQueued()) {
                close(c, false);
            }
        }
        backoff.values().removeIf(b -> now - b[0] > config.maxReconnectBackoff().toNanos() * 4);
        checkBacklog();
        releaseWaitingBroadcasts();
    }

    /**
     * Pauses stream reads while the listeners are more than {@link ClusterConfig#maxDeliveryBacklog()} deliveries
     * behind, and resumes them when half of that has drained (together with {@link BackPressure}, see
     * {@link #updateReadPause()}): the backlog stays bounded and the peers' queues absorb the rest. Datagrams are
     * still read, so membership keeps probing.
     */
    private void checkBacklog() {
        long backlog = sink.backlog();
        // with DeliveryOverflow.DROP the sink drops what does not fit instead; reads go on
        boolean behind = config.deliveryOverflow() == DeliveryOverflow.PAUSE_READS
                && backlog > config.maxDeliveryBacklog();
        boolean caughtUp = backlog <= config.maxDeliveryBacklog() / 2;
        if (!listenersBehind && behind || listenersBehind && caughtUp) {
            listenersBehind = !listenersBehind;
            if (listenersBehind) {
                readPauses++;
                log.warn("{}: listeners are {} deliveries behind; pausing stream reads", self, backlog);
            } else {
                log.info("{}: listeners caught up ({} behind); resuming stream reads", self, backlog);
            }
        }
        updateReadPause();
    }

    // ---- inspection (loop thread, or after the loop stopped) ----

    /** Drop counters of the codecs. */
    public Map<String, Long> inputDropped() {
        Map<String, Long> m = new LinkedHashMap<>();
        drops.snapshot().forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    /** Datagrams sent. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Datagrams received. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Frames queued to connections. */
    public long framesSent() {
        return framesSent;
    }

    /** Frames read from connections. */
    public long framesReceived() {
        return framesReceived;
    }

    /** Bytes sent. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Bytes received. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Bytes of the membership messages sent (their encoded size: envelopes and frame headers excluded). */
    public long membershipBytesSent() {
        return membershipBytesSent;
    }

    /** Frames and packets not sent. */
    public long sendsDropped() {
        return sendsDropped;
    }

    /** Back-pressure holds cut short because they lasted too long (see {@link BackPressure}). */
    public long backPressureSuspensions() {
        return backPressure.suspensions();
    }

    /** Eager pushes dropped for a full peer queue. */
    public long congestedPushes() {
        return congestedPushes;
    }

    /** Times stream reads were paused because listeners fell behind. */
    public long readPauses() {
        return readPauses;
    }

    /** Bytes queued to peers now. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Open connections now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Fails every waiting broadcast and closes every channel. Loop thread, at the end. */
    private void closeAll() {
        for (WaitingBroadcast w : waitingBroadcasts) {
            fail(w.result, closedFailure());
        }
        waitingBroadcasts.clear();
        for (Connection c : List.copyOf(connections)) {
            close(c, false);
        }
        try {
            udp.close();
            server.close();
            selector.close();
        } catch (IOException e) {
            log.debug("{}: close failed: {}", self, e.toString());
        }
    }
}
