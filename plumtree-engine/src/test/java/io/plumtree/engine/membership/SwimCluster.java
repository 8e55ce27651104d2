package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimOutput.MemberEvent;
import io.plumtree.engine.membership.SwimOutput.ScheduleTimer;
import io.plumtree.engine.membership.SwimOutput.SendPacket;
import io.plumtree.engine.membership.SwimOutput.SendStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A tiny discrete-event harness for SWIM cores: a priority queue of (time, sequence, address, input); packets and
 * streams are delivered after a fixed latency, timers after their delay. Links can be cut, packets lost at random
 * (seeded), nodes killed (nothing delivered to or from them, their timers dropped) or paused (inputs held until
 * resumed). Every packet is checked against the packet budget. One thread, virtual time, no sleeps.
 */
final class SwimCluster {

    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;

    /** A membership event as one node saw it. */
    record Seen(long time, String observer, MemberEvent.Kind kind, Member member) {
    }

    private record Event(long time, long seq, String to, SwimInput input) {
    }

    final long seed;
    final SwimConfig config;
    private final SplittableRandom random;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.comparingLong(Event::time).thenComparingLong(Event::seq));
    private final Map<String, Swim> nodes = new LinkedHashMap<>();
    private final Set<String> killed = new HashSet<>();
    private final Map<String, List<Event>> paused = new LinkedHashMap<>();
    private final Set<String> cutLinks = new HashSet<>();
    private long eventSeq;
    private long now;

    /** Fixed one-way latency of packets and stream frames. */
    long latencyNanos = MS;

    /** Extra latency of everything sent to an address: a slow, overloaded node (Lifeguard's scenario). */
    final Map<String, Long> inboundDelayNanos = new LinkedHashMap<>();

    /** Probability that a packet (not a stream frame) is lost. */
    double packetLoss;

    /** Every output of every node, rendered, in order: the trace two runs of one seed must share. */
    final List<String> trace = new ArrayList<>();

    /** Every datagram sent, by sender address, in order. */
    final List<Map.Entry<String, SendPacket>> packets = new ArrayList<>();

    /** Every membership event. */
    final List<Seen> events = new ArrayList<>();

    SwimCluster(long seed, SwimConfig config) {
        this.seed = seed;
        this.config = config;
        this.random = new SplittableRandom(seed);
    }

    /** "reproduce with seed=N", for assertion messages. */
    String reproduce() {
        return "reproduce with seed=" + seed;
    }

    long now() {
        return now;
    }

    /** Adds a node named {@code name} at address {@code address}; not started. */
    Swim add(String name, String address, byte[] metadata) {
        Swim swim = new Swim(NodeId.of(name), address, metadata, config, random.split());
        nodes.put(address, swim);
        killed.remove(address);
        return swim;
    }

    Swim add(String name) {
        return add(name, name, new byte[0]);
    }

    Swim node(String address) {
        return nodes.get(address);
    }

    /** Starts {@code n} nodes n0..n(n-1) (addresses equal to names) and joins all through n0. */
    void startAll(int n) {
        for (int i = 0; i < n; i++) {
            add("n" + i);
        }
        for (int i = 0; i < n; i++) {
            input("n" + i, new SwimInput.Start());
            if (i > 0) {
                input("n" + i, new SwimInput.Join(List.of("n0")));
            }
        }
    }

    /** Hands an input to a node now. */
    void input(String address, SwimInput input) {
        deliver(new Event(now, eventSeq++, address, input));
    }

    void kill(String address) {
        killed.add(address);
    }

    void pause(String address) {
        paused.putIfAbsent(address, new ArrayList<>());
    }

    void resume(String address) {
        List<Event> held = paused.remove(address);
        if (held != null) {
            for (Event e : held) {
                queue.add(new Event(now, eventSeq++, e.to(), e.input()));
            }
        }
    }

    /** Drops all packets and stream frames between two addresses, both ways. */
    void cut(String a, String b) {
        cutLinks.add(a + ">" + b);
        cutLinks.add(b + ">" + a);
    }

    /** Restores every cut link. */
    void heal() {
        cutLinks.clear();
    }

    void runFor(long nanos) {
        runUntil(now + nanos);
    }

    void runUntil(long time) {
        while (!queue.isEmpty() && queue.peek().time() <= time) {
            Event e = queue.poll();
            now = e.time();
            deliver(e);
        }
        now = Math.max(now, time);
    }

    /** Runs until the condition holds (checked after each event) or the deadline passes; returns whether it held. */
    boolean runUntil(BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().time() > deadline) {
                now = Math.max(now, deadline);
                return condition.getAsBoolean();
            }
            Event e = queue.poll();
            now = e.time();
            deliver(e);
        }
        return true;
    }

    /** Events seen by one observer about one member name. */
    List<Seen> seen(String observer, String memberName) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : events) {
            if (s.observer().equals(observer) && s.member().id().name().equals(memberName)) {
                out.add(s);
            }
        }
        return out;
    }

    long count(MemberEvent.Kind kind) {
        return events.stream().filter(s -> s.kind() == kind).count();
    }

    private void deliver(Event e) {
        if (killed.contains(e.to())) {
            return;
        }
        List<Event> held = paused.get(e.to());
        if (held != null) {
            held.add(e);
            return;
        }
        Swim swim = nodes.get(e.to());
        if (swim == null) {
            return;
        }
        swim.handle(e.input(), now, o -> route(e.to(), o));
    }

    private long latency(String to) {
        return latencyNanos + inboundDelayNanos.getOrDefault(to, 0L);
    }

    private void route(String from, SwimOutput o) {
        trace.add(now + " " + from + " " + o);
        if (o instanceof SendPacket p) {
            packets.add(Map.entry(from, p));
            if (p.encodedSize() > config.packetBudget()) {
                throw new AssertionError("packet of " + p.encodedSize() + " bytes over the budget of "
                        + config.packetBudget() + ": " + p + "; " + reproduce());
            }
            if (cutLinks.contains(from + ">" + p.toAddress()) || killed.contains(from)) {
                return;
            }
            if (packetLoss > 0 && random.nextDouble() < packetLoss) {
                return;
            }
            queue.add(new Event(now + latency(p.toAddress()), eventSeq++, p.toAddress(),
                    new SwimInput.PacketReceived(from, p.messages())));
        } else if (o instanceof SendStream s) {
            if (cutLinks.contains(from + ">" + s.toAddress()) || killed.contains(from)) {
                return;
            }
            queue.add(new Event(now + latency(s.toAddress()), eventSeq++, s.toAddress(),
                    new SwimInput.StreamReceived(from, s.message())));
        } else if (o instanceof ScheduleTimer t) {
            queue.add(new Event(now + t.delayNanos(), eventSeq++, from, new SwimInput.TimerFired(t.timer())));
        } else if (o instanceof MemberEvent m) {
            events.add(new Seen(now, from, m.kind(), m.member()));
        }
    }
}
