package io.plumtree.engine;

import io.plumtree.engine.broadcast.PayloadTooLargeException;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.Member;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.net.EventLoop;
import io.plumtree.engine.net.HostPort;
import io.plumtree.engine.net.OrderedDispatch;
import io.plumtree.engine.node.NodeCore;
import io.plumtree.engine.node.NodeInput;
import io.plumtree.engine.state.ReplicatedState;
import io.plumtree.engine.state.StateInput;
import io.plumtree.engine.state.StateOutput;
import io.plumtree.engine.state.StateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One member of a cluster on real sockets: SWIM membership with Lifeguard and Plumtree broadcast, driven by one
 * network thread (UDP and TCP on one port), with listeners called on a separate delivery executor.
 *
 * <pre>{@code
 * try (ClusterNode node = ClusterNode.start(ClusterConfig.builder().nodeName("a").port(7946).build())) {
 *     node.addDeliveryListener(d -> System.out.println(d.origin() + ": " + new String(d.payload())));
 *     node.join(List.of("10.0.0.2:7946")).get();
 *     node.broadcast("hello".getBytes()).get();
 *     node.leave().get();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Commands ({@link #broadcast}, {@link #join}, {@link #leave}) return futures completed by the
 * network thread; queries ({@link #members}, {@link #topology}, {@link #stats}) return snapshots. Listeners run on the
 * delivery executor (by default a thread of the node's own), each origin's messages in the order it sent them (a
 * message whose predecessor is missing waits up to {@link ClusterConfig#deliveryOrderWait()}); a slow listener
 * holds up deliveries, never the network, until {@link ClusterConfig#maxDeliveryBacklog()} deliveries wait, when the
 * node stops reading streams so its peers' queues, not its heap, absorb the load.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    /** Key of membership events in the ordered dispatch (deliveries use their origin). */
    private static final Object MEMBERSHIP = new Object();
    /** Key of replicated-state changes in the ordered dispatch. */
    private static final Object STATE = new Object();
    /** How often a join checks whether a seed answered. */
    private static final long JOIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long a query waits for the network thread. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    /** Resolves seed names off the network thread (DNS may block). */
    private static final Executor RESOLVER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plumtree-resolver");
        t.setDaemon(true);
        return t;
    });

    private final ClusterConfig config;
    private final EventLoop loop;
    private final Thread loopThread;
    /** The node's own delivery thread, or null when the configuration supplies an executor. */
    private final ExecutorService ownExecutor;
    private final OrderedDispatch dispatch;
    /** Broadcasts given to {@link #broadcast} and not complete, bounded by {@code maxPendingBroadcasts}. */
    private final BroadcastWindow window;
    private final List<DeliveryListener> deliveryListeners = new CopyOnWriteArrayList<>();
    /** Deliveries of the network thread's current turn, handed to {@link #dispatch} when it ends. */
    private final TurnDeliveries turnDeliveries = new TurnDeliveries(deliveryListeners);
    private final List<MembershipListener> membershipListeners = new CopyOnWriteArrayList<>();
    /** State listeners by subscription id. */
    private final Map<Integer, StateListener> stateListeners = new ConcurrentHashMap<>();
    private final AtomicInteger nextSubscription = new AtomicInteger(1);
    /** Deliveries dropped for a full backlog ({@link DeliveryOverflow#DROP}). */
    private final AtomicLong deliveriesDropped = new AtomicLong();
    /** Whether deliveries are being dropped now; network thread only. */
    private boolean dropping;
    /** {@link #deliveriesDropped} when the current run of drops began; network thread only. */
    private long droppedBefore;
    /** The seeds of the last join, resolved again whenever membership reconnects through them. */
    private volatile List<HostPort> joinSeeds = List.of();
    private volatile boolean closed;

    private ClusterNode(ClusterConfig config) {
        this.config = config;
        String name = config.nodeName().name();
        if (config.deliveryExecutor() == null) {
            ownExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "plumtree-delivery-" + name);
                t.setDaemon(true);
                return t;
            });
            dispatch = new OrderedDispatch(ownExecutor);
        } else {
            ownExecutor = null;
            dispatch = new OrderedDispatch(config.deliveryExecutor());
        }
        this.window = new BroadcastWindow(config.maxPendingBroadcasts());
        this.loop = new EventLoop(config, new EventLoop.Sink() {
            @Override
            public void delivered(PlumtreeOutput.Deliver d) {
                if (overflowing(dispatch.backlog() + turnDeliveries.size())) {
                    return;
                }
                turnDeliveries.add(new Delivery(d.id().origin(), d.id(), d.hops(), d.payload()));
            }

            @Override
            public void membershipChanged(SwimOutput.MemberEvent e) {
                MembershipEvent event = new MembershipEvent(MembershipEvent.Kind.valueOf(e.kind().name()),
                        member(e.member()));
                if (event.kind() == MembershipEvent.Kind.UPDATED) {
                    log.debug("{}: {} {} at {}", name(), event.kind(), e.member().id(), e.member().address());
                } else {
                    log.info("{}: {} {} at {}", name(), event.kind(), e.member().id(), e.member().address());
                }
                dispatch.submitHeld(MEMBERSHIP, () -> {
                    for (MembershipListener l : membershipListeners) {
                        l.onMembershipEvent(event);
                    }
                });
            }

            @Override
            public void stateChanged(StateOutput.KeyChanged k) {
                StateListener l = stateListeners.get(k.subscription());
                if (l == null) {
                    return;
                }
                StateChange change = new StateChange(k.node(), k.key(), k.oldValue(), k.newValue(), k.version());
                dispatch.submitHeld(STATE, () -> l.onStateChange(change));
            }

            @Override
            public void endOfTurn() {
                turnDeliveries.drain(dispatch::submitHeld);
                dispatch.startHeld();
            }

            @Override
            public void broadcastsFinished(int count) {
                window.release(count);
            }

            @Override
            public long backlog() {
                return dispatch.backlog() + turnDeliveries.size();
            }

            @Override
            public void resolveSeeds() {
                resolveSeedsAgain();
            }
        });
        this.loopThread = new Thread(loop, "plumtree-loop-" + name);
        this.loopThread.setDaemon(true);
    }

    /**
     * Binds the port and starts the protocols. The node is alone until {@link #join} is called.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public static ClusterNode start(ClusterConfig config) {
        ClusterNode node = new ClusterNode(Objects.requireNonNull(config, "config"));
        if (config.joinRehearsal()) {
            JoinRehearsal.startOnce();
        }
        node.loop.execute(() -> node.loop.handle(new NodeInput.Start()));
        node.loopThread.start();
        log.info("{} started at {} in cluster '{}'{}", config.nodeName(), node.address(), config.clusterName(),
                config.keys().isEmpty() ? "" : " (sealed)");
        return node;
    }

    /** This node's name. */
    public NodeId name() {
        return config.nodeName();
    }

    /** The address other members reach this node at, {@code host:port}. */
    public String address() {
        return loop.address();
    }

    /** The configuration it runs with. */
    public ClusterConfig config() {
        return config;
    }

    /** Joins through the configured seeds; see {@link #join(List)}. */
    public CompletableFuture<Integer> join() {
        return join(config.seeds());
    }

    /**
     * Joins the cluster through {@code seeds} ({@code host:port}): each attempt resolves every name again and pushes
     * this node's state to every address it resolves to; attempts repeat every join retry interval until a seed
     * answers or the join timeout passes.
     *
     * @return completes with the number of other live members known when the first seed answered (0 at once when
     *         there are no seeds: this node starts a cluster), or fails with {@link JoinFailedException}
     */
    public CompletableFuture<Integer> join(List<String> seeds) {
        List<HostPort> parsed = seeds.stream().map(HostPort::parse).toList();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("node " + name() + " is closed"));
            return result;
        }
        if (parsed.isEmpty()) {
            result.complete(0);
            return result;
        }
        joinSeeds = parsed;
        loop.execute(() -> {
            long deadline = loop.now() + config.joinTimeout().toNanos();
            attemptJoin(parsed, result, deadline, new ArrayList<>());
        });
        return result;
    }

    /**
     * Whether a delivery finding {@code backlog} waiting is dropped ({@link DeliveryOverflow#DROP} and the backlog
     * full): counted, and logged when a run of drops begins and ends. Network thread only.
     */
    private boolean overflowing(long backlog) {
        if (config.deliveryOverflow() != DeliveryOverflow.DROP) {
            return false;
        }
        if (backlog >= config.maxDeliveryBacklog()) {
            if (!dropping) {
                dropping = true;
                droppedBefore = deliveriesDropped.get();
                log.warn("{}: listeners are {} deliveries behind (maxDeliveryBacklog); dropping deliveries until they "
                        + "catch up", name(), backlog);
            }
            deliveriesDropped.incrementAndGet();
            return true;
        }
        if (dropping) {
            dropping = false;
            log.warn("{}: listeners caught up ({} behind); {} deliveries were dropped ({} since start)", name(),
                    backlog, deliveriesDropped.get() - droppedBefore, deliveriesDropped.get());
        }
        return false;
    }

    /** Resolves the last join's seeds off the loop and hands the addresses to membership, which push-pulls them. */
    private void resolveSeedsAgain() {
        List<HostPort> seeds = joinSeeds;
        RESOLVER.execute(() -> {
            List<String> problems = new ArrayList<>();
            List<String> addresses = resolve(seeds, problems);
            if (!problems.isEmpty()) {
                log.debug("{}: seeds that do not resolve: {}", name(), problems);
            }
            if (!addresses.isEmpty() && !closed) {
                loop.execute(() -> loop.handle(new NodeInput.SeedsResolved(List.copyOf(
                        new LinkedHashSet<>(addresses)))));
            }
        });
    }

    /**
     * One join attempt: resolve the seeds (off the loop when a name must be looked up), push-pull on the loop, then
     * poll for an answer until the next attempt.
     */
    private void attemptJoin(List<HostPort> seeds, CompletableFuture<Integer> result, long deadline,
                             List<String> tried) {
        boolean literals = true;
        for (HostPort seed : seeds) {
            literals &= seed.isIpLiteral();
        }
        if (literals) {
            // nothing to look up: no hop through the resolver thread, which on a cold start takes longer than the join
            List<String> problems = new ArrayList<>();
            joinResolved(seeds, resolve(seeds, problems), problems, result, deadline, tried);
            return;
        }
        RESOLVER.execute(() -> {
            List<String> problems = new ArrayList<>();
            List<String> addresses = resolve(seeds, problems);
            loop.execute(() -> joinResolved(seeds, addresses, problems, result, deadline, tried));
        });
    }

    /** Loop thread: push-pulls with the seeds' addresses, then polls for an answer until the next attempt. */
    private void joinResolved(List<HostPort> seeds, List<String> addresses, List<String> problems,
                              CompletableFuture<Integer> result, long deadline, List<String> tried) {
        if (result.isDone()) {
            return;
        }
        for (String a : addresses) {
            if (!tried.contains(a)) {
                tried.add(a);
            }
        }
        if (!addresses.isEmpty()) {
            loop.handle(new NodeInput.Join(List.copyOf(new LinkedHashSet<>(addresses))));
        }
        long nextAttempt = loop.now() + config.joinRetryInterval().toNanos();
        pollJoin(seeds, result, deadline, nextAttempt, tried, problems);
    }

    /**
     * Every address the seeds resolve to now, as {@code host:port}; a seed that does not resolve adds a line to
     * {@code problems}. Looks names up in DNS: off the loop unless every seed is an IP literal.
     */
    private static List<String> resolve(List<HostPort> seeds, List<String> problems) {
        List<String> addresses = new ArrayList<>();
        for (HostPort seed : seeds) {
            try {
                for (InetAddress a : InetAddress.getAllByName(seed.host())) {
                    addresses.add(new HostPort(a.getHostAddress(), seed.port()).toString());
                }
            } catch (UnknownHostException e) {
                problems.add(seed + ": " + e.getMessage());
            }
        }
        return addresses;
    }

    private void pollJoin(List<HostPort> seeds, CompletableFuture<Integer> result, long deadline, long nextAttempt,
                          List<String> tried, List<String> problems) {
        if (result.isDone()) {
            return;
        }
        int others = loop.core().membership().aliveCount() - 1;
        long now = loop.now();
        if (others > 0) {
            result.complete(others);
        } else if (now - deadline >= 0) {
            result.completeExceptionally(new JoinFailedException("no seed answered within " + config.joinTimeout()
                    + "; seeds " + seeds + " resolved to " + tried + (problems.isEmpty() ? "" : "; " + problems)));
        } else if (now - nextAttempt >= 0) {
            attemptJoin(seeds, result, deadline, tried);
        } else {
            loop.schedule(now + JOIN_POLL_NANOS, () -> pollJoin(seeds, result, deadline, nextAttempt, tried,
                    problems));
        }
    }

    /**
     * Leaves gracefully: every member records this node as left, not failed. Completes after the leave propagation
     * time; then {@link #close()} the node.
     */
    public CompletableFuture<Void> leave() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("node " + name() + " is closed"));
            return result;
        }
        loop.execute(() -> {
            loop.handle(new NodeInput.Leave());
            loop.schedule(loop.now() + config.leavePropagation().toNanos(), () -> result.complete(null));
        });
        return result;
    }

    /**
     * Broadcasts {@code payload} to every live member, this node included (its listeners get it too, with 0 hops).
     *
     * <p>Returns at once, unless {@link ClusterConfig#maxPendingBroadcasts()} broadcasts are pending (given here, their
     * futures not complete) and {@link ClusterConfig#broadcastTimeout()} is not zero: then the calling thread waits
     * until half of them are done, at most the broadcast timeout (never on the node's own network thread). The time
     * waited here counts against the same timeout as waiting for the outbound queues.
     *
     * @param payload the bytes, at most {@code broadcast.maxPayloadBytes}; not to be modified afterwards
     * @return completes with the message id once the message is handed to the network; fails with
     *         {@link PayloadTooLargeException} if it is too large, {@link ClusterOverloadedException} if the pending
     *         broadcasts or the outbound queues stayed full for the broadcast timeout (or the wait was interrupted),
     *         {@link IllegalStateException} once closed
     */
    public CompletableFuture<MessageId> broadcast(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        CompletableFuture<MessageId> result = new CompletableFuture<>();
        if (payload.length > config.broadcast().maxPayloadBytes()) {
            result.completeExceptionally(new PayloadTooLargeException(payload.length,
                    config.broadcast().maxPayloadBytes()));
            return result;
        }
        if (closed) {
            result.completeExceptionally(new IllegalStateException("node " + name() + " is closed"));
            return result;
        }
        long start = System.nanoTime();
        long timeout = config.broadcastTimeout().toNanos();
        boolean admitted;
        try {
            admitted = window.acquire(loop.inLoop() ? 0 : timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new ClusterOverloadedException("interrupted while waiting for one of the "
                    + window.max() + " pending broadcasts (maxPendingBroadcasts) to finish; nothing was sent"));
            return result;
        }
        if (closed) {
            result.completeExceptionally(new IllegalStateException("node " + name() + " is closed"));
            return result;
        }
        if (!admitted) {
            result.completeExceptionally(new ClusterOverloadedException(window.max()
                    + " broadcasts pending (maxPendingBroadcasts) and not half of them done within broadcastTimeout ("
                    + config.broadcastTimeout().toMillis() + " ms); nothing was sent"));
            return result;
        }
        loop.submitBroadcast(payload, start + timeout, result);
        return result;
    }

    /**
     * Replaces this node's metadata; every member learns it (and reports {@link MembershipEvent.Kind#UPDATED}).
     *
     * @throws IllegalArgumentException if it is longer than {@code membership.maxMetadataBytes}
     */
    public void updateMetadata(byte[] metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.length > config.membership().maxMetadataBytes()) {
            throw new IllegalArgumentException("metadata is " + metadata.length + " bytes; the maximum is "
                    + config.membership().maxMetadataBytes());
        }
        byte[] copy = metadata.clone();
        query(() -> {
            loop.handle(new NodeInput.UpdateMetadata(copy));
            return null;
        });
    }

    /**
     * Sets one of this node's replicated-state keys; every member sees it within a few gossip rounds.
     *
     * @param ttl how long the key lives, or null for ever
     * @throws IllegalArgumentException if the key or value is over the state limits
     * @throws IllegalStateException    if the node runs without replicated state ({@link ClusterConfig#state()})
     */
    public void putState(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        stateCommand(new StateInput.Set(key, value, ttl));
    }

    /** {@link #putState(String, String, Duration)} without a time to live. */
    public void putState(String key, String value) {
        putState(key, value, null);
    }

    /** Deletes one of this node's replicated-state keys (a tombstone spreads, then is collected). */
    public void deleteState(String key) {
        Objects.requireNonNull(key, "key");
        stateCommand(new StateInput.Delete(key));
    }

    /** Every member's replicated state as this node sees it now. */
    public StateSnapshot stateSnapshot() {
        return query(() -> {
            ReplicatedState state = loop.core().state();
            if (state == null) {
                throw new IllegalStateException("node " + name() + " runs without replicated state");
            }
            return state.snapshot();
        });
    }

    /**
     * Calls {@code listener} for every change of a key starting with {@code prefix}, on any member, this node's own
     * writes included, on the delivery executor.
     *
     * @return closing it unsubscribes
     */
    public AutoCloseable subscribeState(String prefix, StateListener listener) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(listener, "listener");
        int id = nextSubscription.getAndIncrement();
        stateListeners.put(id, listener);
        stateCommand(new StateInput.Subscribe(id, prefix));
        return () -> {
            stateListeners.remove(id);
            if (!closed) {
                stateCommand(new StateInput.Unsubscribe(id));
            }
        };
    }

    private void stateCommand(StateInput command) {
        if (config.state() == null) {
            throw new IllegalStateException("node " + name() + " runs without replicated state; set "
                    + "ClusterConfig.Builder.state(StateConfig.lan()) to turn it on");
        }
        query(() -> {
            loop.handleCommand(new NodeInput.StateCommand(command));
            return null;
        });
    }

    /** Adds a listener for delivered broadcasts. */
    public void addDeliveryListener(DeliveryListener listener) {
        deliveryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a delivery listener. */
    public void removeDeliveryListener(DeliveryListener listener) {
        deliveryListeners.remove(listener);
    }

    /** Adds a listener for membership changes. */
    public void addMembershipListener(MembershipListener listener) {
        membershipListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a membership listener. */
    public void removeMembershipListener(MembershipListener listener) {
        membershipListeners.remove(listener);
    }

    /** Every member this node knows, itself included, in any state, ordered by name. */
    public List<ClusterMember> members() {
        return query(() -> loop.core().membership().members().stream().map(ClusterNode::member).toList());
    }

    /** This node's eager and lazy broadcast peers. */
    public Topology topology() {
        return query(() -> {
            Plumtree p = loop.core().broadcast();
            return new Topology(p.neighbourEagerPeers(), p.neighbourLazyPeers(), p.treeCount());
        });
    }

    /** Counters and queue sizes, now. */
    public ClusterStats stats() {
        return query(() -> {
            NodeCore core = loop.core();
            List<Member> all = core.membership().members();
            return new ClusterStats(core.membership().aliveCount(), all.size(), core.membership().awareness(),
                    core.broadcast().stats(), loop.packetsSent(), loop.packetsReceived(), loop.framesSent(),
                    loop.framesReceived(), loop.bytesSent(), loop.bytesReceived(), loop.membershipBytesSent(),
                    loop.inputDropped(),
                    loop.sendsDropped(), loop.congestedPushes(), loop.backPressureSuspensions(), loop.queuedBytes(),
                    loop.connectionCount(),
                    dispatch.backlog(), deliveriesDropped.get(), core.unroutable(), core.lateDeliveries(), core.orderGapsSkipped(),
                    core.broadcast().inFlight());
        });
    }

    /**
     * Stops the node at once: no leave is announced, so the others will declare it failed (call {@link #leave()}
     * first to depart gracefully). Every broadcast not sent yet fails with {@link IllegalStateException}: those waiting
     * for room in the queues, those accepted but not yet taken by the network thread, and those whose callers wait for
     * a place among {@code maxPendingBroadcasts} (they stop waiting at once); listeners get nothing more.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        window.close();
        loop.stop();
        try {
            loopThread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        log.info("{} closed", name());
    }

    /** Runs {@code q} on the network thread and waits for it; runs it here once the thread has stopped. */
    private <T> T query(Supplier<T> q) {
        if (loop.inLoop() || !loopThread.isAlive()) {
            return q.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(q.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking node " + name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            if (!loopThread.isAlive()) {
                return q.get();
            }
            throw new IllegalStateException("node " + name() + " did not answer within " + QUERY_TIMEOUT);
        }
    }

    private static ClusterMember member(Member m) {
        return new ClusterMember(m.id(), m.address(), ClusterMember.Status.valueOf(m.state().name()),
                m.incarnation(), m.metadata());
    }

    @Override
    public String toString() {
        return "ClusterNode[" + name() + "@" + address() + (closed ? ", closed" : "") + "]";
    }
}
