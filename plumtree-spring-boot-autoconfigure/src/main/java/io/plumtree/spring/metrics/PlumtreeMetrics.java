package io.plumtree.spring.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterStats;
import io.plumtree.engine.Topology;
import io.plumtree.engine.broadcast.PlumtreeStats;
import io.plumtree.engine.wire.DropReason;
import org.springframework.context.ApplicationListener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.plumtree.spring.event.DeliveredEvent;

/**
 * Micrometer meters named {@code plumtree.*}, with low-cardinality tags only (fixed sets of types, states and
 * reasons; never a member name or an event type):
 *
 * <ul>
 *   <li>{@code plumtree.events.published}, {@code plumtree.events.delivered}, {@code plumtree.events.duplicates}:
 *       broadcasts this node published, delivered (its own included), and received again after delivery;</li>
 *   <li>{@code plumtree.events.undeliverable{reason=unknown_type|unreadable|unbindable}} and
 *       {@code plumtree.events.listener.failures}: events that arrived as {@code UnknownClusterEvent}, and
 *       deliveries a listener threw on;</li>
 *   <li>{@code plumtree.messages.sent{type=gossip|ihave|graft|prune}}: broadcast protocol messages sent;</li>
 *   <li>{@code plumtree.members{state=alive|suspect|dead|left}} and {@code plumtree.peers{kind=eager|lazy}};</li>
 *   <li>{@code plumtree.delivery.hops} and {@code plumtree.delivery.latency}: per delivered event, the links it
 *       travelled and the time from publication (by the publisher's clock);</li>
 *   <li>{@code plumtree.dropped{reason=...}}: input dropped by the codec (one reason per {@link DropReason}), frames
 *       not sent ({@code send_failed}), eager pushes dropped for a full peer queue ({@code congested}), broadcast
 *       messages without a live route ({@code unroutable}) and announcements lost ({@code announcement});</li>
 *   <li>{@code plumtree.queued.bytes}, {@code plumtree.delivery.backlog}, {@code plumtree.connections}.</li>
 * </ul>
 *
 * Reading the node takes a trip to its network thread, so the snapshots behind the meters are reused for a second.
 * Micrometer holds a meter's state object weakly; every function here reads the snapshot through this binder's field
 * (a strong reference the meter keeps), and the gauges ask for a strong reference, so the meters keep counting even
 * when nobody else keeps this binder.
 */
public final class PlumtreeMetrics implements MeterBinder, ApplicationListener<DeliveredEvent<?>> {

    /** How long one snapshot of the node serves the meters. */
    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Snapshot<ClusterStats> stats;
    private final Snapshot<List<ClusterMember>> members;
    private final Snapshot<Topology> topology;
    private final Snapshot<Map<String, Long>> eventCounters;
    private volatile DistributionSummary hops;
    private volatile Timer latency;

    /**
     * @param node          the node to measure
     * @param eventCounters counters of the event receiver ({@link io.plumtree.spring.event.ClusterEventCounters}),
     *                      empty when events are not configured
     * @param clock         the clock latency is measured with
     */
    public PlumtreeMetrics(ClusterNode node, Supplier<Map<String, Long>> eventCounters, Clock clock) {
        this.clock = clock;
        this.eventCounters = new Snapshot<>(eventCounters, clock);
        this.stats = new Snapshot<>(node::stats, clock);
        this.members = new Snapshot<>(node::members, clock);
        this.topology = new Snapshot<>(node::topology, clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        broadcastCounter(registry, "plumtree.events.published", "Events this node published",
                PlumtreeStats::broadcasts);
        broadcastCounter(registry, "plumtree.events.delivered", "Events delivered here, own ones included",
                PlumtreeStats::delivered);
        broadcastCounter(registry, "plumtree.events.duplicates", "Payloads received again after delivery",
                PlumtreeStats::duplicates);
        for (String reason : List.of("unknown_type", "unreadable", "unbindable")) {
            FunctionCounter.builder("plumtree.events.undeliverable", eventCounters,
                            c -> eventCounters.get().getOrDefault(reason, 0L))
                    .description("Events that arrived as UnknownClusterEvent, by reason").tag("reason", reason)
                    .register(registry);
        }
        FunctionCounter.builder("plumtree.events.listener.failures", eventCounters,
                        c -> eventCounters.get().getOrDefault("listener_failures", 0L))
                .description("Delivered events an application listener threw on").register(registry);
        sent(registry, "gossip", PlumtreeStats::gossipSent);
        sent(registry, "ihave", PlumtreeStats::ihaveSent);
        sent(registry, "graft", PlumtreeStats::graftSent);
        sent(registry, "prune", PlumtreeStats::pruneSent);
        sent(registry, "ack", PlumtreeStats::acksSent);
        broadcastCounter(registry, "plumtree.members.left.behind", "Times this node's in-flight window stopped waiting "
                + "for a member that acknowledged nothing for laggard-timeout", PlumtreeStats::membersLeftBehind);
        for (ClusterMember.Status state : ClusterMember.Status.values()) {
            Gauge.builder("plumtree.members", members, m -> m.get().stream().filter(x -> x.status() == state).count())
                    .description("Members known, by state").tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
        Gauge.builder("plumtree.peers", topology, t -> t.get().eagerPeers().size())
                .description("Broadcast peers, by kind").tag("kind", "eager").strongReference(true).register(registry);
        Gauge.builder("plumtree.peers", topology, t -> t.get().lazyPeers().size())
                .description("Broadcast peers, by kind").tag("kind", "lazy").strongReference(true).register(registry);
        for (DropReason reason : DropReason.values()) {
            String key = reason.name();
            dropped(registry, reason.name().toLowerCase(Locale.ROOT),
                    s -> s.inputDropped().getOrDefault(key, 0L));
        }
        dropped(registry, "send_failed", ClusterStats::sendsDropped);
        dropped(registry, "congested", ClusterStats::congestedPushes);
        dropped(registry, "unroutable", ClusterStats::unroutable);
        dropped(registry, "announcement", s -> s.broadcast().announcementsDropped());
        dropped(registry, "delivery_overflow", ClusterStats::deliveriesDropped);
        gauge(registry, "plumtree.queued.bytes", "Bytes waiting in outbound queues", ClusterStats::queuedBytes);
        gauge(registry, "plumtree.delivery.backlog", "Deliveries waiting for the listeners",
                ClusterStats::deliveryBacklog);
        gauge(registry, "plumtree.connections", "Open TCP connections", ClusterStats::connections);
        gauge(registry, "plumtree.in.flight", "This node's events not yet acknowledged by its slowest member "
                + "(a publish waits at max-in-flight)", ClusterStats::inFlight);
        hops = DistributionSummary.builder("plumtree.delivery.hops")
                .description("Links a delivered event travelled").register(registry);
        latency = Timer.builder("plumtree.delivery.latency")
                .description("Time from publication to delivery, by the publisher's clock").register(registry);
    }

    @Override
    public void onApplicationEvent(DeliveredEvent<?> event) {
        DistributionSummary h = hops;
        Timer l = latency;
        if (h == null || l == null) {
            return;
        }
        h.record(event.hops());
        Duration elapsed = Duration.between(event.publishedAt(), clock.instant());
        l.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    private void broadcastCounter(MeterRegistry registry, String name, String description,
                                  ToLongFunction<PlumtreeStats> f) {
        FunctionCounter.builder(name, stats, s -> f.applyAsLong(stats.get().broadcast()))
                .description(description).register(registry);
    }

    private void sent(MeterRegistry registry, String type, ToLongFunction<PlumtreeStats> f) {
        FunctionCounter.builder("plumtree.messages.sent", stats, s -> f.applyAsLong(stats.get().broadcast()))
                .description("Broadcast protocol messages sent, by type").tag("type", type).register(registry);
    }

    private void dropped(MeterRegistry registry, String reason, ToLongFunction<ClusterStats> f) {
        FunctionCounter.builder("plumtree.dropped", stats, s -> f.applyAsLong(stats.get()))
                .description("Messages dropped, by reason").tag("reason", reason).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ClusterStats> f) {
        Gauge.builder(name, stats, s -> f.applyAsDouble(s.get())).description(description).strongReference(true)
                .register(registry);
    }

    /** A value read from the node at most once per {@link #SNAPSHOT_TTL}. */
    static final class Snapshot<T> {

        private final Supplier<T> source;
        private final Clock clock;
        private T value;
        private long readAtMillis;

        Snapshot(Supplier<T> source, Clock clock) {
            this.source = source;
            this.clock = clock;
        }

        synchronized T get() {
            long now = clock.millis();
            if (value == null || now - readAtMillis >= SNAPSHOT_TTL.toMillis()) {
                value = source.get();
                readAtMillis = now;
            }
            return value;
        }
    }
}
