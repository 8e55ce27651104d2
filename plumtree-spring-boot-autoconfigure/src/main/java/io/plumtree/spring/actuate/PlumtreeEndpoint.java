package io.plumtree.spring.actuate;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.ClusterStats;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.Topology;
import io.plumtree.spring.cluster.ClusterStatus;
import io.plumtree.spring.cluster.MemberMetadata;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code plumtree} Actuator endpoint ({@code /actuator/plumtree}): this node, every member it knows with its
 * state, address, incarnation and metadata, its eager and lazy broadcast peers, and its counters.
 * {@code /actuator/plumtree/{name}} shows one member.
 */
@Endpoint(id = "plumtree")
public class PlumtreeEndpoint {

    private final ClusterNode node;
    private final ClusterStatus status;
    /** Counters of the event receiver, or an empty map when events are not configured (no Jackson). */
    private final Supplier<Map<String, Long>> eventCounters;

    /**
     * @param node          the node
     * @param status        whether it runs, how long it has been alone
     * @param eventCounters counters of events in and out
     */
    public PlumtreeEndpoint(ClusterNode node, ClusterStatus status, Supplier<Map<String, Long>> eventCounters) {
        this.node = node;
        this.status = status;
        this.eventCounters = eventCounters;
    }

    /** The whole picture. */
    @ReadOperation
    public ClusterDescriptor cluster() {
        List<MemberDescriptor> members = node.members().stream().map(MemberDescriptor::of).toList();
        Topology topology = node.topology();
        return new ClusterDescriptor(
                new NodeDescriptor(node.name().name(), node.address(), node.config().clusterName(), status.running(),
                        node.config().seeds(), status.lastJoinFailure().orElse(null)),
                members,
                new TopologyDescriptor(names(topology.eagerPeers()), names(topology.lazyPeers()), topology.trees()),
                node.stats(),
                eventCounters.get(),
                state());
    }

    /** Every member's replicated-state keys by member name, or null when the node runs without replicated state. */
    private Map<String, Map<String, String>> state() {
        if (node.config().state() == null) {
            return null;
        }
        Map<String, Map<String, String>> all = new java.util.LinkedHashMap<>();
        node.stateSnapshot().nodes().forEach((id, view) -> all.put(id.name(), view.values()));
        return all;
    }

    /** One member, or 404 when this node does not know it. */
    @ReadOperation
    public MemberDescriptor member(@Selector String name) {
        return node.members().stream().filter(m -> m.name().name().equals(name)).findFirst()
                .map(MemberDescriptor::of).orElse(null);
    }

    private static List<String> names(List<NodeId> ids) {
        return ids.stream().map(NodeId::name).toList();
    }

    /**
     * The endpoint's answer.
     *
     * @param node     this node
     * @param members  every member known, this node included, in any state
     * @param topology this node's broadcast peers
     * @param stats    the node's counters and queue sizes
     * @param events   counters of events delivered and undeliverable
     * @param state    every member's replicated-state keys by member name; null when the node runs without it
     */
    public record ClusterDescriptor(NodeDescriptor node, List<MemberDescriptor> members, TopologyDescriptor topology,
                                    ClusterStats stats, Map<String, Long> events,
                                    Map<String, Map<String, String>> state) {
    }

    /**
     * This node.
     *
     * @param name            its name
     * @param address         the address others reach it at
     * @param cluster         the cluster name
     * @param running         whether it runs (started and not stopped)
     * @param seeds           the seeds it joins through
     * @param lastJoinFailure why the last join failed, if it failed and the node has not joined since
     */
    public record NodeDescriptor(String name, String address, String cluster, boolean running, List<String> seeds,
                                 String lastJoinFailure) {
    }

    /**
     * A member as this node sees it.
     *
     * @param name        its name
     * @param address     its address, {@code host:port}
     * @param status      ALIVE, SUSPECT, DEAD or LEFT
     * @param incarnation its incarnation number
     * @param metadata    its metadata as key-value pairs (empty when it is not in the starter's form)
     * @param rawMetadata its metadata in Base64 when it is not in the starter's form, else null
     */
    public record MemberDescriptor(String name, String address, String status, long incarnation,
                                   Map<String, String> metadata, String rawMetadata) {

        static MemberDescriptor of(ClusterMember m) {
            byte[] bytes = m.metadata();
            var decoded = MemberMetadata.decode(bytes);
            return new MemberDescriptor(m.name().name(), m.address(), m.status().name(), m.incarnation(),
                    decoded.orElse(Map.of()),
                    decoded.isPresent() ? null : Base64.getEncoder().encodeToString(bytes));
        }
    }

    /**
     * This node's broadcast peers.
     *
     * @param eagerPeers peers that get full payloads
     * @param lazyPeers  peers that get announcements only
     * @param trees      per-origin trees held
     */
    public record TopologyDescriptor(List<String> eagerPeers, List<String> lazyPeers, int trees) {
    }
}
